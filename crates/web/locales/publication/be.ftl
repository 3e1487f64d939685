# Mayak user interface, Belarusian: Statistics: releases, the privacy budget, the public statistics page.
# Loaded after ../be.ftl; a key may be defined only once per language.
