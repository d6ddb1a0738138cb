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
not-found-text = Cette page n’existe pas (ou plus). Vous trouverez peut-être ce que vous cherchez à partir de la page d’accueil.
back-home = Retour à l’accueil
form-required-note = Les champs marqués d’un * sont obligatoires.
form-choose = Faites votre choix
form-honeypot-label = Laissez ce champ vide
form-error-title = Merci de vérifier le formulaire
form-error-required = Ce champ est obligatoire.
form-error-too-long = Ce texte est trop long : { $max } caractères au maximum.
form-error-email = Indiquez une adresse e-mail valide, par exemple nom@exemple.be.
form-error-tel = Indiquez un numéro de téléphone valide, par exemple 0470 12 34 56.
form-error-date = Indiquez une date valide.
form-error-option = Choisissez l’une des options proposées.
og-locale = fr_BE
phone = Téléphone
email = E-mail
pagination-label = Plus d’articles
page-of = Page { $current } sur { $total }
newer-articles = Articles plus récents
older-articles = Articles plus anciens
