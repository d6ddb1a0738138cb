# The inbox on the practitioner's own machine (`praxis forms inbox`, and the desk's messages).
inbox-title = Inzendingen
inbox-open = Open
inbox-done = Afgehandeld
inbox-all = Alle
inbox-count = { $count ->
    [0] Geen inzendingen
    [one] Eén inzending
   *[other] { $count } inzendingen
}
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
inbox-deleted = De inzending is verwijderd.
inbox-export = Alles exporteren (CSV)
inbox-back = Terug naar de inzendingen
inbox-retention = Inzendingen worden na { $days } dagen verwijderd, hier en op de server.
inbox-not-found = Deze inzending bestaat niet (meer).
inbox-locked = Open deze pagina via het adres dat praxis forms inbox in de terminal toont.
inbox-refused = Dit verzoek komt niet van deze pagina en is geweigerd.
inbox-submission = Inzending { $number }
inbox-date-time = { $date } om { $time }
inbox-empty = Hier staat voorlopig niets. Nieuwe inzendingen haal je op met ‘Nieuwe inzendingen ophalen’.
inbox-marked-done = Gemarkeerd als afgehandeld: de inzending staat nu bij ‘Afgehandeld’.
inbox-reopened = De inzending staat weer bij ‘Open’.
inbox-delete-ask = Verwijderen…
inbox-delete-title = Inzending { $number } verwijderen?
inbox-delete-what = Inzending { $number }, van { $from }, ontvangen op { $date }, wordt definitief van deze computer verwijderd. Dat kan niet ongedaan worden gemaakt.
inbox-delete-cancel = Nee, bewaren
inbox-yes = Ja
inbox-no = Nee
inbox-fetch = Nieuwe inzendingen ophalen
inbox-fetch-from = van { $origin }
inbox-token-label = Token om op te halen
inbox-token-hint = Alleen de eerste keer nodig: plak het token dat praxis forms token op de server toonde. Het wordt daarna bewaard op deze computer, waar niemand anders het kan lezen.
inbox-fetched = { $count ->
    [0] Geen nieuwe inzendingen.
    [one] Eén nieuwe inzending opgehaald.
   *[other] { $count } nieuwe inzendingen opgehaald.
}
inbox-fetch-no-token = Plak eerst het token: zonder token geeft de server op { $origin } niets vrij.
inbox-fetch-unreachable = De server op { $origin } is niet bereikbaar. Controleer de internetverbinding en probeer het opnieuw.
inbox-fetch-token-refused = De server op { $origin } aanvaardt dat token niet. Kijk na of je het volledig hebt geplakt, of maak op de server een nieuw token met praxis forms token.
inbox-fetch-token-forgotten = De server op { $origin } aanvaardt het token op deze computer niet meer (het is wellicht ingetrokken) en daarom is het vergeten. Plak een nieuw token, gemaakt op de server met praxis forms token.
inbox-fetch-not-an-endpoint = { $origin } antwoordt niet zoals de formulierserver van praxis. Kijk het adres na bij [submissions] endpoint in site.toml.
inbox-fetch-not-told = De nieuwe inzendingen staan hier, maar de server op { $origin } kon dat niet te horen krijgen. Haal opnieuw op: er gaat niets verloren en niets wordt dubbel bewaard.
inbox-fetch-failed = Het ophalen is gestopt: { $why }
inbox-failed = Er ging iets mis: { $why }
inbox-no-key = De inzendingen staan hier, maar zonder je privésleutel kunnen ze niet gelezen worden: het bestand dat praxis forms keygen schreef. Geef het op als identity onder [submissions] in site.toml, of open ze met praxis forms inbox --identity BESTAND.
