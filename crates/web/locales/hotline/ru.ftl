# Mayak user interface, Russian: The hotline: checks during a call, Viber and e-mail channels.
# Loaded after ../ru.ftl; a key may be defined only once per language.

## Проверки во время звонка
nav-hotline-checks = Проверки во время звонка
nav-hotline-register = Реестр лицензий и контакты
hotline-checks-title = Проверки во время звонка
hotline-checks-bar = Проверки во время звонка (форма сохраняется как черновик):
hotline-checks-back = Вернуться к консультации (черновик сохранён)
hotline-check-agencies = Есть ли у агентства лицензия?
hotline-check-offer = Проверка предложения о работе
hotline-check-contacts = Посольство и контакты помощи
hotline-agencies-lead = Поиск в реестре агентств, имеющих лицензию на трудоустройство за границей, по названию или номеру лицензии.
hotline-agency-search = Название агентства или номер лицензии
hotline-agency-check = Проверить
hotline-agency-matches = Найденные записи реестра
hotline-agency-name = Агентство
hotline-agency-city = Город
hotline-agency-countries = Страны трудоустройства
hotline-agency-countries-hint = Чтобы выбрать несколько стран, удерживайте Ctrl (⌘ на Mac).
hotline-licence-number = Номер лицензии
hotline-licence-answer = Ответ
hotline-licence-term = Срок лицензии
hotline-licence-from = Действует с
hotline-licence-until = Действует по
hotline-licence-until-hint = Оставьте пустым для бессрочной лицензии.
hotline-licence-status = Статус по данным лицензирующего органа
hotline-licence-status-valid = действует
hotline-licence-status-suspended = приостановлена
hotline-licence-status-revoked = отозвана
hotline-licence-valid-range = с { $from } по { $until }
hotline-licence-valid-open = с { $from }, бессрочно
hotline-register-updated = Реестр в «Маяке» последний раз обновлён { $at }.
hotline-register-empty = Реестр в «Маяке» пуст.
hotline-verdict-licensed = Лицензия действует
hotline-verdict-not_yet_valid = Лицензия ещё не вступила в силу
hotline-verdict-expired = Срок лицензии истёк
hotline-verdict-suspended = Лицензия приостановлена
hotline-verdict-revoked = Лицензия отозвана
hotline-verdict-not_in_register = Нет в реестре
hotline-verdict-advice-licensed = Агентство вправе трудоустраивать за границей. Посоветуйте заключить договор с агентством и проверить, что в нём названы работодатель, оплата и кто платит за дорогу.
hotline-verdict-advice-not_yet_valid = Лицензия начнёт действовать позже: пока агентство не вправе трудоустраивать. Посоветуйте подождать или выбрать другое лицензированное агентство.
hotline-verdict-advice-expired = Срок лицензии закончился: агентство больше не вправе трудоустраивать. Посоветуйте не платить и не отдавать документы.
hotline-verdict-advice-suspended = Действие лицензии приостановлено: сейчас агентство не вправе трудоустраивать. Посоветуйте не платить и не отдавать документы.
hotline-verdict-advice-revoked = Лицензия отозвана. Трудоустройство без лицензии незаконно: посоветуйте не ехать и рассмотрите сообщение в милицию.
hotline-verdict-advice-not_in_register = Агентства с таким названием или номером лицензии в реестре нет. Уточните точное название и номер лицензии; трудоустройство за границей без лицензии незаконно.
hotline-offer-lead = Отметьте то, что звонящий рассказывает о предложении. Признаки пересказывают индикаторы МОТ/ЕК обманной и принудительной вербовки; оценка — совет для разговора, а не приговор предложению.
hotline-offer-ilo = Индикатор МОТ/ЕК и его вес
hotline-offer-assess = Оценить
hotline-offer-keep = Сохранить признаки с консультацией
hotline-offer-keep-hint = С консультацией сохраняются только коды отмеченных признаков, а не слова звонящего.
hotline-offer-risk-no_signs_described = Тревожных признаков не названо
hotline-offer-risk-elevated = Есть тревожные признаки: проверьте предложение до отъезда
hotline-offer-risk-high = Высокий риск: признаки торговли людьми при вербовке
hotline-offer-never-safe = Это совет, а не заключение: список находит только признаки, о которых сказал звонящий, и никогда не доказывает, что предложение безопасно.
hotline-offer-reason-present = { $dimension }: присутствует по правилу МОТ ({ $rule }).
hotline-offer-reason-signs = { $dimension }: отмечено признаков: { $count }, меньше, чем требует правило МОТ.
hotline-offer-reason-coercion = Вербовщик уже до отъезда использует средства контроля (документы, долг, изоляцию или угрозы).
hotline-offer-reason-nothing = Ничего не отмечено.
hotline-offer-rule-two_strong = два сильных индикатора
hotline-offer-rule-strong_and_other = сильный индикатор и ещё один
hotline-offer-rule-three_medium = три средних индикатора
hotline-offer-rule-two_medium_one_weak = два средних и один слабый индикатор
hotline-offer-advice = Что сказать звонящему
hotline-offer-advice-always = Проверьте лицензию агентства, сохраните номер горячей линии, оставьте родным контакты работодателя и копию паспорта.
hotline-contacts-lead = Посольства и консульства Беларуси, организации помощи и горячие линии в стране назначения.
hotline-contacts-choose = Выберите страну
hotline-contacts-show = Показать контакты
hotline-contacts-in = Контакты: { $country }
hotline-contacts-none = Для этой страны контактов пока нет.
hotline-contacts-covered = Страны с контактами
hotline-contact-kind = Вид
hotline-contact-kind-embassy = Посольство Беларуси
hotline-contact-kind-consulate = Консульство Беларуси
hotline-contact-kind-ngo = Организация помощи
hotline-contact-kind-hotline = Горячая линия
hotline-contact-name = Название
hotline-contact-city = Город
hotline-contact-address = Адрес
hotline-contact-phone = Телефон
hotline-contact-email = Электронная почта
hotline-contact-website = Сайт
hotline-contact-hours = Часы работы
hotline-contact-notes = Заметки для консультантов
hotline-contact-needs-one-hint = Укажите хотя бы один способ связи: телефон, почту, сайт или адрес.
hotline-signs-kept = Тревожные признаки предложения о работе
hotline-signs-none = Не отмечены. Добавьте их через проверку предложения о работе.
hotline-signs-hint = Снимите отметку, чтобы не сохранять признак.
hotline-notice-signs-kept = Отмеченные признаки добавлены к консультации.
hotline-register-title = Реестр лицензий и контакты
hotline-register-lead = Справочные данные, которые консультанты проверяют во время звонков. Каждое изменение записывается в журнал аудита; выведенные записи больше не находятся при проверке.
hotline-register-agencies = Лицензированные агентства по трудоустройству
hotline-register-contacts = Контакты в странах назначения
hotline-agency-add = Добавить агентство
hotline-agency-edit = Изменить агентство
hotline-contact-add = Добавить контакт
hotline-contact-edit = Изменить контакт
hotline-register-save = Сохранить
hotline-retire = Вывести из употребления
hotline-restore = Восстановить
hotline-retire-hint = Выведенная запись остаётся в истории реестра, но больше не находится при проверке.
hotline-retired = выведена
hotline-retired-entry = Запись выведена из употребления: проверки её не находят.
hotline-register-notice-added = Добавлено.
hotline-register-notice-saved = Сохранено.
hotline-register-notice-retired = Выведено из употребления.
hotline-register-notice-restored = Восстановлено.
field-licence-format = Введите номер лицензии: хотя бы одна буква или цифра.
field-url-format = Введите адрес сайта, начинающийся с https:// или http://.
field-contact-needs-one = Укажите хотя бы что-то одно: телефон, почту, сайт или адрес.

## Viber
viber-welcome = Здравствуйте! Это горячая линия по безопасному выезду за границу. Напишите свой вопрос здесь; консультанты отвечают { $hours }. Не присылайте номера паспортов и другие документы.
viber-not-text = (Через Viber прислан объект типа «{ $kind }»; вложения не сохраняются. Попросите человека описать его словами.)

## E-mail channel
hotline-mail-attachments = (К письму приложено вложений: { $count }; вложения не сохраняются. Попросите человека описать их словами.)
hotline-mail-reply-subject = Горячая линия «Безопасный выезд»: ответ на обращение № { $reference }
hotline-mail-rejected = Письма, которые горячая линия не смогла прочитать (в папке карантина .mayak-rejected каталога Maildir): { $count }

## Channel requests: recognising a consenting sender, delivery of the answer
hotline-known-sender = { $plural ->
    [one] Этот человек согласился, чтобы его узнавали: { $count } консультация.
    [few] Этот человек согласился, чтобы его узнавали: { $count } консультации.
   *[other] Этот человек согласился, чтобы его узнавали: { $count } консультаций.
}
hotline-recognise-consent = Человек согласился в этой переписке, чтобы его узнавали при следующих обращениях
hotline-recognise-hint = Сохраняется только ключевой хеш его адреса в канале (Viber или e-mail), не сам адрес. Без согласия следующее сообщение будет новым анонимным обращением.
hotline-delivery-sent = Ответ доставлен в канал { $at }
hotline-delivery-waiting = Ответ ещё не доставлен: попыток { $attempts }, следующая { $at }
hotline-delivery-failed = Ответ не удалось доставить: канал его не принимает. Человек ответа не получит — если он напишет снова, ответьте заново.
hotline-delivery-error = Последняя ошибка
field-no-channel-address = У этого обращения нет адреса в канале, поэтому узнавать человека не по чему: снимите отметку.
