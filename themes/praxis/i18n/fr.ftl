# UI strings of the praxis theme, in French.
skip-to-content = Aller au contenu
menu-label = Menu
language-switcher-label = Langue
read-in-language = Lire en français
not-translated-go-home = Pas encore en français : vers l’accueil
reading-time = { $minutes ->
    [one] 1 minute de lecture
   *[other] { $minutes } minutes de lecture
}
all-articles = Tous les articles
tags = Sujets
tagged = Sujets :
tagged-with = Sujet : { $tag }
all-tags = Tous les sujets
more-articles = Plus d’articles
newer = Plus récent
older = Plus ancien
feed = Flux Atom
not-found-title = Page introuvable
not-found-text = Cette page n’existe pas (ou plus). Vous trouverez peut-être ce que vous cherchez depuis l’accueil.
back-home = Retour à l’accueil
