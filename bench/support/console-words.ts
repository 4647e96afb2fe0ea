/**
 * The words the console benchmark's messages are made of: people, places, products, as SQL array literals. Each
 * list is small, so a word's share of the messages is known (a city is in ~1/30 of the messages that name one):
 * searches for common, medium and rare words (an order number is in one message) are all possible.
 */
const words = (text: string) => text.trim().split(/\s*,\s*/);

export const FIRST_NAMES =
  words(`maria, joao, ana, pedro, sofia, lucas, emma, liam, olivia, noah, ava, elijah, mia,
  james, amelia, oliver, harper, benjamin, evelyn, henry, abigail, alexander, emily, daniel, ella, matthew, chloe,
  samuel, grace, david, zoe, joseph, nora, carter, lily, owen, hannah, wyatt, layla, jack, aria, leo, riley, julian,
  luna, levi, camila, isaac, penelope, gabriel, aurora, anthony, stella, dylan, hazel, lincoln, violet, jaxon, ines,
  tiago`);

export const LAST_NAMES =
  words(`silva, santos, ferreira, pereira, oliveira, costa, rodrigues, martins, jesus, sousa,
  fernandes, goncalves, gomes, lopes, marques, alves, almeida, ribeiro, pinto, carvalho, smith, johnson, williams,
  brown, jones, garcia, miller, davis, wilson, anderson, thomas, taylor, moore, jackson, martin, lee, thompson,
  white, harris, clark, lewis, robinson, walker, young, allen, king, wright, scott, torres, nguyen, hill, flores,
  green, adams, nelson, baker, hall, rivera, campbell, mitchell, roberts, muller, schmidt, schneider, fischer,
  weber, meyer, wagner, becker, schulz, hoffmann, dubois, durand, moreau, laurent, simon, michel, lefebvre, leroy`);

export const CITIES =
  words(`lisbon, porto, madrid, barcelona, paris, lyon, berlin, munich, hamburg, amsterdam,
  rotterdam, brussels, london, manchester, dublin, copenhagen, stockholm, oslo, helsinki, warsaw, prague, vienna,
  zurich, milan, rome, athens, istanbul, toronto, chicago, austin`);

export const PRODUCTS = words(`wireless headphones, espresso machine, running shoes, standing desk,
  mechanical keyboard, smart watch, yoga mat, backpack, desk lamp, water bottle, bluetooth speaker, office chair,
  phone case, usb charger, winter jacket, coffee grinder, air purifier, electric kettle, travel mug,
  noise cancelling earbuds, camping tent, hiking boots, graphic tablet, webcam, external drive, monitor arm,
  robot vacuum, rice cooker, cast iron pan, reading light`);

const DEVICES = words('chrome on windows, safari on iphone, firefox on linux, android app, ios app');
const WEEKDAYS = words('monday, tuesday, wednesday, thursday, friday, saturday, sunday');
const DOMAINS = words('example.com, mail.example.org, acme.test, corp.example.net');
const SLACK_CHANNELS = words('#ops-alerts, #sales, #support, #deploys, #billing, #growth');

const LISTS = {
  first: FIRST_NAMES,
  last: LAST_NAMES,
  city: CITIES,
  product: PRODUCTS,
  device: DEVICES,
  weekday: WEEKDAYS,
  domain: DOMAINS,
  slack: SLACK_CHANNELS,
};

/** SQL for the word of a list at a non-negative integer position (modulo its length): `pick('city', 'r')`. */
export function pick(list: keyof typeof LISTS, position: string): string {
  const words = LISTS[list];
  return `(ARRAY[${words.map((w) => `'${w.replace(/'/g, "''")}'`).join(',')}])[1 + (${position}) % ${words.length}]`;
}
