# The inbox on the practitioner's own machine (`praxis forms inbox`, and the desk's messages).
inbox-title = Messages
inbox-open = Open
inbox-done = Done
inbox-all = All
inbox-count = { $count ->
    [0] No messages
    [one] One message
   *[other] { $count } messages
}
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
inbox-deleted = The message has been deleted.
inbox-export = Export everything (CSV)
inbox-back = Back to the messages
inbox-retention = Messages are deleted after { $days } days, here and on the server.
inbox-not-found = There is no such message, or it has been deleted.
inbox-locked = Please open this page at the address that praxis forms inbox shows in the terminal.
inbox-refused = This request did not come from this page, so it was refused.
inbox-submission = Message { $number }
inbox-date-time = { $date } at { $time }
inbox-empty = Nothing here for now. New messages come in with “Fetch new messages”.
inbox-marked-done = Marked as done: the message is now under “Done”.
inbox-reopened = The message is back under “Open”.
inbox-delete-ask = Delete…
inbox-delete-title = Delete message { $number }?
inbox-delete-what = Message { $number }, from { $from }, received { $date }, will be deleted from this computer for good: it cannot be brought back.
inbox-delete-cancel = No, keep it
inbox-yes = Yes
inbox-no = No
inbox-fetch = Fetch new messages
inbox-fetch-from = from { $origin }
inbox-token-label = Token for fetching
inbox-token-hint = Needed only once: paste the token that praxis forms token showed on the server. It is then kept on this computer, where no one else can read it.
inbox-fetched = { $count ->
    [0] No new messages.
    [one] One new message fetched.
   *[other] { $count } new messages fetched.
}
inbox-fetch-no-token = Paste the token first: without it, the server at { $origin } gives nothing.
inbox-fetch-unreachable = The server at { $origin } could not be reached. Check the internet connection, then try again.
inbox-fetch-token-refused = The server at { $origin } did not accept that token. Check that you pasted all of it, or make a new one on the server with praxis forms token.
inbox-fetch-token-forgotten = The server at { $origin } no longer accepts the token kept on this computer (it was probably revoked), so it has been forgotten. Paste a new one, made on the server with praxis forms token.
inbox-fetch-not-an-endpoint = { $origin } does not answer as praxis’s form server. Check the address under [submissions] endpoint in site.toml.
inbox-fetch-not-told = The new messages are here, but the server at { $origin } could not be told so. Fetch again: nothing is lost or kept twice.
inbox-fetch-failed = Fetching stopped: { $why }
inbox-failed = Something went wrong: { $why }
inbox-no-key = The messages are here, but they cannot be read without your private key, the file that praxis forms keygen wrote. Name it as identity under [submissions] in site.toml, or open them with praxis forms inbox --identity FILE.
