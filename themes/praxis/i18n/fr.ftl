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
newer = Plus récent : { $title }
older = Plus ancien : { $title }
feed = Flux Atom
not-found-title = Page introuvable
not-found-text = Cette page n’existe pas (ou plus). Vous trouverez peut-être ce que vous cherchez depuis l’accueil.
back-home = Retour à l’accueil
form-required-note = Les champs marqués d’un * sont obligatoires.
form-choose = Faites un choix
form-honeypot-label = Laissez ce champ vide
form-error-title = Il manque encore quelque chose
form-error-required = Ce champ est obligatoire.
form-error-too-long = C’est trop long : { $max } caractères au plus.
form-error-email = Cela ne ressemble pas à une adresse e-mail, comme nom@exemple.be.
form-error-tel = Cela ne ressemble pas à un numéro de téléphone.
form-error-date = Ce n’est pas une date.
form-error-option = Choisissez une des possibilités.
og-locale = fr_BE
phone = Téléphone
email = E-mail
pagination-label = Plus d’articles
page-of = Page { $current } sur { $total }
newer-articles = Articles plus récents
older-articles = Articles plus anciens
