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
newer = Nieuwer
older = Ouder
feed = Atom-feed
not-found-title = Pagina niet gevonden
not-found-text = Deze pagina bestaat niet (meer). Misschien vind je wat je zoekt via de startpagina.
back-home = Naar de startpagina
