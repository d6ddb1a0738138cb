# UI strings of the praxis theme, in Dutch.
skip-to-content = Naar de inhoud
menu-label = Menu
language-switcher-label = Taal
read-in-language = Lees in het Nederlands
not-translated-go-home = Nog niet in het Nederlands: naar de startpagina
reading-time = { $minutes ->
    [one] 1 minuut lezen
   *[other] { $minutes } minuten lezen
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
form-error-title = Er ontbreekt nog iets
form-error-required = Dit veld is verplicht.
form-error-too-long = Dit is te lang: hoogstens { $max } tekens.
form-error-email = Dit lijkt geen e-mailadres, zoals naam@voorbeeld.be.
form-error-tel = Dit lijkt geen telefoonnummer.
form-error-date = Dit is geen datum.
form-error-option = Kies een van de mogelijkheden.
og-locale = nl_BE
phone = Telefoon
email = E-mail
pagination-label = Meer artikels
page-of = Pagina { $current } van { $total }
newer-articles = Nieuwere artikels
older-articles = Oudere artikels
