# The inbox on the practitioner's own machine (`praxis forms inbox`).
inbox-title = Messages
inbox-open = Open
inbox-done = Done
inbox-all = All
inbox-count = { $count ->
    [0] No messages
    [one] One message
   *[other] { $count } messages
}
inbox-empty = Nothing here for now. To fetch new messages, run the command praxis forms pull.
inbox-number = No.
inbox-received = Received
inbox-form = Form
inbox-language = Language
inbox-from = From
inbox-state = Status
inbox-state-open = open
inbox-state-done = done on { $date }
inbox-consent = Consent given on { $date }
inbox-no-consent = No consent asked for
inbox-mark-done = Mark as done
inbox-mark-open = Reopen
inbox-delete = Delete for good
inbox-delete-hint = A deleted message cannot be brought back.
inbox-deleted = The message has been deleted.
inbox-export = Export everything (CSV)
inbox-back = Back to the messages
inbox-retention = Messages are deleted after { $days } days, here and on the server.
inbox-not-found = There is no such message, or it has been deleted.
inbox-locked = Please open this page at the address that praxis forms inbox shows in the terminal.
inbox-refused = This request did not come from this page, so it was refused.
inbox-submission = Message { $number }
inbox-date-time = { $date } at { $time }
