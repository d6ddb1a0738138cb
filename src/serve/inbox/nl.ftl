# The inbox on the practitioner's own machine (`praxis forms inbox`).
inbox-title = Inzendingen
inbox-open = Open
inbox-done = Afgehandeld
inbox-all = Alle
inbox-count = { $count ->
    [0] Geen inzendingen
    [one] Eén inzending
   *[other] { $count } inzendingen
}
inbox-empty = Hier staat niets. Nieuwe inzendingen haal je op met het commando praxis forms pull.
inbox-number = Nr.
inbox-received = Ontvangen
inbox-form = Formulier
inbox-language = Taal
inbox-from = Van
inbox-state = Status
inbox-state-open = open
inbox-state-done = afgehandeld op { $date }
inbox-consent = Toestemming gegeven op { $date }
inbox-no-consent = Geen toestemming gevraagd
inbox-mark-done = Markeren als afgehandeld
inbox-mark-open = Opnieuw openen
inbox-delete = Definitief verwijderen
inbox-delete-hint = Verwijderen kan niet ongedaan worden gemaakt.
inbox-deleted = De inzending is verwijderd.
inbox-export = Alles exporteren (CSV)
inbox-back = Terug naar de inzendingen
inbox-retention = Inzendingen worden na { $days } dagen verwijderd, hier en op de server.
inbox-not-found = Deze inzending bestaat niet (meer).
inbox-locked = Open deze pagina via het adres dat praxis forms inbox in de terminal toont.
inbox-refused = Dit verzoek komt niet van deze pagina en is geweigerd.
inbox-submission = Inzending { $number }
inbox-date-time = { $date } om { $time }
