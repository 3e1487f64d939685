# Mayak user interface, Russian: Statistics: releases, the privacy budget, the public statistics page.
# Loaded after ../ru.ftl; a key may be defined only once per language.
