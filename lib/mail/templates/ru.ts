import { letter, memo } from './layout';
import type { LanguagePack } from './types';

const closing = 'С уважением,';

export const ru: LanguagePack = {
	locale: 'ru-RU',
	greeting: (name) => (name ? `Здравствуйте, ${name}!` : 'Здравствуйте!'),
	labels: {
		product: 'Товар',
		quantity: 'Кол-во',
		unitPrice: 'Цена',
		amount: 'Сумма',
		total: 'Итого',
		added: 'Добавлено',
		removed: 'Удалено',
		changed: 'Изменено',
		quantityWord: 'количество',
		priceWord: 'цена',
		trackParcel: 'Отследить посылку',
		decide: 'Принять или отклонить заказ',
	},
	invoiceAttached: (number) => (number ? `Счёт № ${number} приложен к письму.` : 'Счёт приложен к письму.'),
	templates: {
		order_confirmation: {
			subject: 'Заказ {{orderNumber}} принят – {{shopName}}',
			html: letter(
				'<p>Спасибо за заказ в магазине {{shopName}}! Мы получили его и уже начали собирать.</p>\n{{linesTable}}\n<p>Итого к оплате: <strong>{{total}}</strong></p>',
				closing,
			),
		},
		order_confirmation_resend: {
			subject: 'Копия подтверждения заказа {{orderNumber}} – {{shopName}}',
			html: letter(
				'<p>По вашей просьбе повторно отправляем подтверждение заказа {{orderNumber}}.</p>\n{{linesTable}}\n<p>Итого к оплате: <strong>{{total}}</strong></p>',
				closing,
			),
		},
		order_imported: {
			subject: 'Ваш заказ {{orderNumber}} в обработке',
			html: letter(
				'<p>Ваш заказ {{orderNumber}} передан на склад и сейчас обрабатывается. Мы сообщим вам о следующих шагах.</p>',
				closing,
			),
		},
		ready: {
			subject: 'Заказ {{orderNumber}} готов к отправке',
			html: letter(
				'<p>Хорошие новости: все товары из вашего заказа {{orderNumber}} есть в наличии, заказ готов к отправке.</p>',
				closing,
			),
		},
		backordered: {
			subject: 'Заказ {{orderNumber}}: часть товаров временно отсутствует',
			html: letter(
				'<p>К сожалению, некоторых товаров из вашего заказа {{orderNumber}} сейчас нет в наличии. Мы отправим их, как только они поступят на склад.</p>\n{{backorderedLines}}\n<p>Если вы хотите изменить или отменить заказ, просто ответьте на это письмо.</p>',
				closing,
			),
		},
		shipped: {
			subject: 'Заказ {{orderNumber}} отправлен',
			html: letter(
				'<p>Ваш заказ {{orderNumber}} передан в службу доставки.</p>\n<p>Трек-номер: <strong>{{trackingNumber}}</strong></p>\n<p>{{trackingLink}}</p>',
				closing,
			),
		},
		completed: {
			subject: 'Заказ {{orderNumber}} выполнен',
			html: letter(
				'<p>Ваш заказ {{orderNumber}} выполнен. Спасибо за покупку, будем рады видеть вас снова!</p>\n<p>{{invoiceNote}}</p>',
				closing,
			),
		},
		invoiced: {
			subject: 'Счёт по заказу {{orderNumber}}',
			html: letter(
				'<p>Направляем вам счёт по заказу {{orderNumber}}.</p>\n<p>{{invoiceNote}}</p>\n<p>Спасибо за покупку!</p>',
				closing,
			),
		},
		cancelled: {
			subject: 'Заказ {{orderNumber}} отменён',
			html: letter(
				'<p>Ваш заказ {{orderNumber}} отменён. Если вы уже оплатили его, мы вернём деньги в течение нескольких дней.</p>\n<p>Если вы не отменяли заказ, пожалуйста, ответьте на это письмо.</p>',
				closing,
			),
		},
		order_edited: {
			subject: 'Изменения в заказе {{orderNumber}}',
			html: letter(
				'<p>Нам пришлось внести в ваш заказ {{orderNumber}} следующие изменения:</p>\n{{changedLines}}\n<p>Новая сумма заказа: <strong>{{total}}</strong></p>\n<p>Если у вас есть вопросы, просто ответьте на это письмо.</p>',
				closing,
			),
		},
		new_external_order: {
			subject: 'Новый заказ {{orderNumber}} ({{sourceSystem}})',
			html: memo(
				'<p>Поступил новый заказ из канала продаж {{sourceSystem}}.</p>\n<p>Заказ: <strong>{{orderNumber}}</strong><br>Покупатель: {{customerName}}<br>Сумма: {{total}}</p>\n{{linesTable}}\n<p>Не забудьте вовремя подтвердить или отклонить позиции.</p>',
			),
		},
		decision_needed: {
			subject: 'Нужно решение: заказ {{orderNumber}} ({{sourceSystem}})',
			html: memo(
				'<p>Заказ {{orderNumber}} из канала продаж {{sourceSystem}} ждёт вашего решения.</p>\n<p>Заказ: <strong>{{orderNumber}}</strong><br>Покупатель: {{customerName}}<br>Сумма: {{total}}</p>\n{{linesTable}}\n<p>{{decisionLink}}</p>\n<p>Заказ ждёт, пока кто-нибудь не примет решение.</p>',
			),
		},
	},
};
