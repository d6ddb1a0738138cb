all-articles = Alle artikels
tags = Thema’s
