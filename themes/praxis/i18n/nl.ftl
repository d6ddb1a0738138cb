# UI strings of the praxis theme, in Dutch.
skip-to-content = Naar de inhoud
menu-label = Menu
language-switcher-label = Taal
read-in-language = Lees in het Nederlands
not-translated-go-home = Nog niet in het Nederlands: naar de startpagina
reading-time = { $minutes ->
    [one] Leestijd: 1 minuut
   *[other] Leestijd: { $minutes } minuten
}
all-articles = Alle artikels
tags = Onderwerpen
tagged = Onderwerpen:
tagged-with = Onderwerp: { $tag }
all-tags = Alle onderwerpen
more-articles = Meer artikels
newer = Nieuwer: { $title }
older = Ouder: { $title }
feed = Atom-feed
not-found-title = Pagina niet gevonden
not-found-text = Deze pagina bestaat niet (meer). Misschien vind je wat je zoekt via de startpagina.
back-home = Naar de startpagina
form-required-note = Velden met * zijn verplicht.
form-choose = Maak een keuze
form-honeypot-label = Laat dit veld leeg
form-error-title = Kijk het formulier nog even na
form-error-required = Dit veld is verplicht.
form-error-too-long = Dit is te lang: maximaal { $max } tekens.
form-error-email = Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.be.
form-error-tel = Vul een geldig telefoonnummer in, bijvoorbeeld 0470 12 34 56.
form-error-date = Vul een geldige datum in.
form-error-option = Kies een van de mogelijkheden.
og-locale = nl_BE
phone = Telefoon
email = E-mail
pagination-label = Meer artikels
page-of = Pagina { $current } van { $total }
newer-articles = Nieuwere artikels
older-articles = Oudere artikels
