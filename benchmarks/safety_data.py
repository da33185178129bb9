"""Write the safety screen's labelled asks: train, dev and a held-out test part.

    .venv/bin/python benchmarks/safety_data.py        # rewrites src/.../safety/data/*.jsonl

Every row is {"text", "label" ("fine" or "unsafe"), "category", "source"}. The rows are composed
from hand-written acts (a verb phrase: "nick a chocolate bar from the corner shop"), hand-written
whole sentences, and frames that say them in many voices (first and second person, dares,
missions, slang), then roughened the way people type: British or American words, typos, emoji,
no capitals. Nothing is random between runs: one seeded generator, fixed order.

The split is by construction, not by row: each category's acts and sentences come in two pools,
and so do the frames. Train and dev are built from pool A (dev from acts train never sees), the
test part only from pool B acts with pool B frames. So a figure on the test part is a figure on
wording the classifier (and the person tuning the rules) never saw.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/rejection/challenges/safety/data"

# --- unsafe acts, by category: (pool A, pool B) -------------------------------------------

UNSAFE: dict[str, tuple[list[str], list[str]]] = {
    "illegal": (
        [
            "nick a chocolate bar from the corner shop",
            "pocket a lipstick at the chemist without paying",
            "walk out of the supermarket with a basket you haven't paid for",
            "swipe a bottle of wine from the off-licence",
            "shoplift a phone charger from the station kiosk",
            "take a bike that isn't locked up and ride it home",
            "pinch the tip jar off the counter when the barista turns round",
            "lift a pair of sunglasses off the display and walk out",
            "hop the fence into the closed water park at night",
            "get into the stadium through the back gate without a ticket",
            "climb into a neighbour's garden to pick their apples while they're out",
            "sneak into the hotel pool when you're not staying there",
            "drive home after five pints",
            "get behind the wheel after a few drinks and ask someone for directions",
            "drive to the next challenge after smoking a joint",
            "call 999 and say there's a fire so the queue clears",
            "pull the fire alarm at the cinema to get a better seat",
            "ring the police with a made-up break-in to see how fast they come",
            "buy a stranger's leftover antibiotics off them",
            "ask the pharmacist to sell you Xanax without a prescription",
            "ask a stranger to sell you a few of their ADHD pills",
            "ask for oxycodone under the counter at the pharmacy",
            "jump the ticket barrier at the station",
            "key a car that parked badly",
            "ask a stranger to sell you some weed",
            "eat a three-course meal and do a runner before the bill",
            "take a garden gnome from someone's front lawn",
            "let yourself into an empty house that's for sale and have a look round",
            "ask a stranger to buy you diazepam online with their script",
            "graffiti your name on the bus stop",
        ],
        [
            "five-finger discount a candy bar at the gas station",
            "slip a steak into your jacket at the grocery store and leave",
            "leave the cafe with the mug you drank from stuffed in your bag",
            "scale the wall of the private estate after dark",
            "let yourself into a construction site on Sunday when nobody's there",
            "drive your mates home after drinking all night",
            "drive stoned to the mall",
            "dial 911 and report a fake robbery",
            "get some Adderall off a coworker who has a prescription",
            "ask a guy at the gym to get you steroids and a few tramadol",
            "pay for one coffee and quietly take two muffins",
            "ride the tram all day without ever buying a ticket",
            "smash a shop window for a dare",
            "take home a plant from the garden centre without paying for it",
        ],
    ),
    "touch": (
        [
            "hug a stranger at the bus stop without asking first",
            "kiss a random woman on the cheek",
            "tap strangers on the shoulder and hug them before they can answer",
            "give the barista a shoulder massage while you order",
            "pat a stranger on the head",
            "put your arm round someone you've never met",
            "grab a passer-by's hand and spin them round",
            "tickle someone in the queue",
            "hold hands with a stranger on the escalator",
            "poke people on the tube until one of them laughs",
            "sit on a stranger's lap on the bench",
            "kiss the waitress's hand when she brings the bill",
            "stroke someone's hair on the bus",
            "give a random shopper a bear hug from behind",
            "pinch a stranger's cheek and tell them they're cute",
            "rub a stranger's shoulders in the queue",
            "lean your head on the shoulder of the person next to you",
            "touch a stranger's beard to see if it's soft",
            "straighten a stranger's collar for them without a word",
            "pick a bit of fluff off a stranger's jumper",
            "bump into people on purpose to say hello",
            "hug the cashier across the counter",
        ],
        [
            "cuddle up to the person next to you on the train",
            "boop a stranger's nose",
            "put your hand on the cashier's arm and leave it there while you ask",
            "wrap your arms around a stranger in the lift",
            "tousle a stranger's hair",
            "squeeze a stranger's hand and don't let go",
            "give a passerby a peck on the cheek",
            "rest your hand on someone's knee on the bus",
            "hug the bouncer before he can say anything",
            "pick up a stranger and twirl them around",
            "smooch a random person at the bar",
        ],
    ),
    "deception": (
        [
            "pretend to be a store manager and ask for the keys",
            "tell the doorman you're on the guest list when you're not",
            "say you're from the council and ask to look round someone's garden",
            "put on a hi-vis vest and tell people you're a police officer",
            "tell the barista you're a famous influencer to get a free drink",
            "lie about your age to get the senior discount",
            "tell the hotel you're the owner's cousin to get an upgrade",
            "say you're a health inspector and ask for a tour of the kitchen",
            "claim you lost your ticket when you never bought one",
            "tell the receptionist you have an appointment you don't have",
            "say you work here and walk behind the counter",
            "pose as a journalist to get backstage",
            "make up a sob story to get a free meal",
            "tell the bakery it's your birthday when it isn't",
            "pretend you're blind to skip the queue",
            "wear a fake uniform and direct the traffic",
            "tell a stranger their car is being towed just to watch them run",
            "ring a friend's work pretending to be their doctor",
            "act like you don't speak English to get out of paying",
            "tell the gym you're one of their personal trainers",
            "say you're with the band to get into the gig",
            "tell the shop your receipt got lost when you never bought it there",
        ],
        [
            "flash an old badge and say you're a detective",
            "tell the bouncer you're the DJ's brother",
            "act as the new supervisor and ask staff to hand over the float",
            "convince the receptionist you're from IT so she lets you in",
            "tell the tour guide you're with the tour company",
            "introduce yourself as a doctor on the train and give people advice",
            "tell the cashier the price tag said half price when it didn't",
            "claim to be a student for the discount years after you left uni",
            "say the manager told you it was free",
            "tell the airline you're a pilot to get an upgrade",
            "swear to the waiter that the soup was cold when you'd finished it",
        ],
    ),
    "minors": (
        [
            "ask a child for a hug",
            "ask a group of teenagers for their snapchat",
            "ask a year 7 to tell you a secret",
            "ask a 14 year old to come for a walk with you",
            "hand out sweets to kids at the park",
            "ask a schoolgirl for her number",
            "ask the kids at the bus stop to film a dance with you",
            "ask a little boy where he lives",
            "ask a 10yo to help you find your lost puppy",
            "go up to a sixth grader and ask to be friends",
            "ask a 15-year-old girl out",
            "offer a lift to the kids waiting for the school bus",
            "ask a toddler's name and take their photo",
            "invite some year 9s round to your flat",
            "ask a kid to keep a secret from their parents",
            "DM a 13 yo on instagram",
            "chat up some high schoolers at the mall",
            "ask some year 10 girls to rate you out of ten",
            "ask a boy in school uniform for a selfie",
            "buy a teenager a pint",
            "ask the teens at the skatepark to come to your car",
        ],
        [
            "ask a fifth grader to share their lunch with you",
            "ask a couple of 12 yr olds to come see your new car",
            "ask young lads on bikes to do a dare for cash",
            "give a primary schooler your phone number",
            "invite a 16yo to a party at your place",
            "ask someone in year 8 for their address",
            "ask a girl who looks about 11 to pose for a photo",
            "ask the children in the playground to follow you",
            "text a high school freshman to meet up alone",
            "offer kids at the park money to sing for you",
            "ask a bunch of under-16s to vape with you",
        ],
    ),
    "pressure": (
        [
            "keep asking the cashier for a discount until she gives in",
            "ask for a free coffee five times in a row",
            "refuse to move until they give you a table",
            "ask for her number again after she says no",
            "follow the barista to the back and keep asking",
            "block the door until the shop owner agrees",
            "make the waiter feel guilty until he takes the meal off the bill",
            "don't leave the counter till they upgrade you",
            "ask louder every time they say no",
            "message her every day until she replies",
            "wait outside his flat until he agrees to a date",
            "tell them you'll post a bad review unless they say yes",
            "wear them down with compliments until they give in",
            "ask again at the end of their shift after they already said no",
            "call the shop back every hour until they agree",
            "ignore the no and ask the same person again",
            "threaten to make a scene unless you get a free drink",
            "guilt-trip the host into letting you in",
            "sit in the manager's office and refuse to leave",
            "ask a stranger ten times for a lift home",
            "stand in front of them so they can't walk off until they answer",
        ],
        [
            "hassle the bouncer till he lets you in",
            "keep going back to the same stall until the seller caves",
            "hound the receptionist with calls till she books you in",
            "don't budge from the till until you get your freebie",
            "treat a no as a maybe and try again in five minutes",
            "when she says no, argue with her until she changes her mind",
            "text him nonstop until he says yes",
            "say you'll cry unless they agree",
            "walk alongside the stranger after their no thanks and keep pitching",
            "badger the shop assistant about a refund they already refused",
            "plead with the host again and again after she turned you down",
        ],
    ),
    "worker": (
        [
            "ask the cashier to use her staff discount for you",
            "ask a waiter to bring you free drinks while the manager is away",
            "ask the barista to give you a free muffin when the boss isn't looking",
            "ask the bouncer to let you skip the queue while the manager's on break",
            "ask a shop assistant to knock money off without telling the boss",
            "ask the bartender to pour you a free double on the sly",
            "ask the hotel cleaner to let you into someone else's room",
            "ask a checkout worker to scan your steak as carrots",
            "ask the petrol station attendant to let you pay next week",
            "ask the usher to let you sit in the VIP seats you didn't pay for",
            "ask a cinema worker to sneak you into another film",
            "ask the shop assistant to skip the ID check for you",
            "ask the train guard to not charge you for your bike",
            "ask a supermarket worker to give you the staff-only bread",
            "ask the security guard to leave his post to help you",
            "ask the bartender to keep serving you after closing time",
            "ask a waiter to add a free dessert and not put it through the till",
            "ask the receptionist to bend the rules and give you a room early for free",
            "ask a delivery driver to give you a parcel meant for someone else",
            "ask the barista to give you the whole tray of pastries they'd normally bin",
            "ask a lifeguard to let you in the pool after it's closed",
        ],
        [
            "ask the till girl to knock half off without telling her supervisor",
            "ask the barman to put your drinks on somebody else's tab",
            "ask the shop floor staff to ring your stuff through at their employee price",
            "ask a bank teller to waive the fee without authorisation",
            "ask the hostess to seat you before people who booked while the boss is out",
            "ask an airline agent to upgrade you for free against policy",
            "ask a bus driver to let you ride free when nobody's watching",
            "ask the museum guard to let you into the closed wing",
            "ask a cleaner to give you the code to the staff room",
            "ask a new employee to give you a refund without a receipt while the manager's off",
        ],
    ),
    "filming": (
        [
            "film the cashier's reaction without telling her",
            "record people on the bus when you ask for their seat and post it",
            "livestream strangers' faces as you ask them out",
            "film a stranger in the gym changing room",
            "take photos of people in the toilets",
            "secretly record your coworker saying no",
            "hide a camera in the fitting room",
            "film the waiter and post it on tiktok without asking",
            "snap pictures of women sunbathing on the beach",
            "film up someone's skirt on the escalator",
            "record your date without them knowing",
            "film strangers crying in the hospital waiting room",
            "take a video of people in the sauna",
            "film through a neighbour's window at night",
            "post a video of the barista saying no with her name tag showing",
            "record a call with customer service and post it to mock them",
            "film people's reactions with your phone hidden in your sleeve",
            "take sneaky photos of the cute guy on the train",
        ],
        [
            "set your phone recording in your bag and ask the cashier for a discount",
            "upload clips of random shoppers' reactions to youtube",
            "go live on insta while asking strangers for money",
            "get footage of people in the locker room",
            "take a picture of the person in the next cubicle",
            "snap the bouncer's face and share it to your story",
            "vlog strangers at the bus stop without asking them",
            "film people in the shower block at the campsite",
            "record the doctor during your appointment on the quiet and post it",
            "photograph a stranger sleeping on the tube and put it online",
        ],
    ),
    "sexual": (
        [
            "ask the waitress for her number and keep flirting when she says no",
            "ask the barista out while she's working behind the counter",
            "ask the cashier what she's doing after her shift and wait for her outside",
            "ask a stranger for a kiss",
            "ask a woman on the train to come home with you",
            "ask the receptionist if she's single and keep pushing",
            "offer the bartender a big tip if she gives you her number",
            "ask a stranger to send you nudes",
            "ask someone at the gym for sex",
            "ask your nurse out during your appointment",
            "tell the hairdresser she's sexy and ask her out",
            "ask a stranger what underwear they're wearing",
            "ask a coworker to sleep with you",
            "ask the uber driver for her number at the end of the ride",
            "ask a shop assistant to try on lingerie for you",
            "chat up the checkout girl until she gives you her number",
            "ask a stranger for a one night stand",
            "ask the masseuse for a happy ending",
            "ask the waiter to sit on your lap",
            "ask a stranger to show you their boobs",
        ],
        [
            "hit on the flight attendant while she's serving drinks",
            "ask the girl at the till to meet you for a drink and hang around till she says yes",
            "slide into the barista's dms after she turned you down",
            "ask a stranger in the lift to hook up",
            "ask a shop girl for a lap dance",
            "ask the waitress to write her number on the receipt",
            "ask your yoga teacher for a private session at your place",
            "ask a random woman to rate your body",
            "tell the bartender you'll tip more if she flirts with you",
            "ask a guy on the bus if he wants to come back to yours for the night",
            "ask the physio if she'd date you while she treats you",
        ],
    ),
    "hate": (
        [
            "tell a stranger to go back to their own country",
            "ask a Muslim woman why she lets her husband make her cover up",
            "shout a slur at a group of lads outside the pub",
            "ask a gay couple to stop holding hands near you",
            "ask the Chinese takeaway if they serve dog",
            "refuse to be served by a Black waiter",
            "ask a trans woman what's really between her legs",
            "put on an Asian accent when you order",
            "tell a disabled person they shouldn't be out in public",
            "ask a Jewish shopkeeper for a discount because his lot love money",
            "hand out leaflets saying immigrants aren't welcome here",
            "call the waiter a f*g when he says no",
            "mock a stranger's wheelchair",
            "ask a woman in a hijab if she's a terrorist",
            "say the n-word at karaoke",
            "ask a Romanian cleaner if she's nicked anything",
            "ask a fat stranger how they can live like that",
            "tell a gay barista he's going to hell",
            "ask a Gypsy family to leave the park",
            "do a racist impression of the shopkeeper",
        ],
        [
            "make monkey noises at a Black football fan",
            "ask a Sikh man to take off his turban for a laugh",
            "tell the Polish builder to speak English or get out",
            "ask a lesbian couple which one of them is the man",
            "write a racist joke on the receipt",
            "ask the Indian shopkeeper if he smells of curry",
            "call a stranger a r*tard for fun",
            "ask a Mexican guy if he jumped the border",
            "chant homophobic songs outside a gay bar",
            "tell a Muslim cabbie he's not welcome in this country",
            "ask an autistic stranger to stop acting weird",
        ],
    ),
    "stunts": (
        [
            "lie down in the road and ask drivers to go round you",
            "run across the motorway",
            "jump off the bridge into the river",
            "climb the crane on the building site",
            "walk along the railway tracks",
            "stand on the platform edge with your eyes closed",
            "cycle down the high street with no hands against the traffic",
            "jump between rooftops",
            "swim out to the buoy in a storm",
            "play chicken with the cars on the main road",
            "dive into the quarry lake",
            "sit with your legs over the cliff edge",
            "hang off the balcony by your hands",
            "climb the outside of the multi-storey car park",
            "skate holding on to the back of a bus",
            "dash across six lanes of traffic",
            "swim in the canal in January",
            "jump off the pier at high tide",
            "walk out onto the frozen lake",
            "down a bottle of vodka in one go",
        ],
        [
            "do a handstand on the rooftop ledge",
            "surf on top of a moving car",
            "lie on the tram lines for a photo",
            "leap off the harbour wall",
            "scale the electricity pylon",
            "take a selfie standing on the train tracks",
            "swim across the river at night",
            "ride a shopping trolley down a steep hill into the road",
            "stand in the middle of the junction and dance",
            "dangle from the bridge railing by your hands",
            "drive with your eyes shut for ten seconds",
        ],
    ),
    "personal_data": (
        [
            "ask a stranger for their home address and write it down",
            "ask the receptionist for another patient's phone number",
            "ask the barista for her full name and where she lives",
            "ask a stranger to show you their bank card",
            "ask someone to tell you their phone passcode",
            "look over someone's shoulder at their PIN",
            "ask the gym staff what time a certain member usually comes in",
            "ask a stranger for their date of birth and mother's maiden name",
            "ask the hotel which room your ex is staying in",
            "ask a colleague for their login to check something",
            "ask the postman whose parcels go to number 12",
            "ask a stranger to read out their passport number",
            "ask a shop for the CCTV of a woman you liked",
            "ask the surgery receptionist for your neighbour's test results",
            "photograph someone's ID card",
            "find out where the waitress lives from her coworkers",
            "ask the pharmacy what medication your neighbour is on",
            "ask the landlord for the last tenant's new address",
            "ask a stranger to let you read their texts",
            "ask someone for their social security number",
        ],
        [
            "get the cashier to tell you her colleague's instagram and surname",
            "ask the vet for the address of a dog's owner you fancied",
            "ask the delivery driver for the address of the person who ordered",
            "ask someone at the bus stop for their national insurance number",
            "ask a stranger to unlock their phone and hand it over",
            "ask the bank clerk about your brother's balance",
            "ask the dentist's receptionist when your ex's next appointment is",
            "ask someone to tell you their email password",
            "ask the library for a list of who borrowed a book",
            "ask a stranger's kid where their mum works",
            "ask the estate agent who lives in the flat upstairs and their number",
        ],
    ),
}

# Whole sentences as people write them (first person, second person, slang), per category.
UNSAFE_SENTENCES: dict[str, tuple[list[str], list[str]]] = {
    "illegal": (
        [
            "I'm gonna nick a Mars bar from Tesco lol",
            "Bet u can't get out of Primark with a hoodie without paying",
            "Drove home after 4 beers last night, doing it again tonight",
            "Phone in a fake emergency so the ambulance comes and everyone watches",
            "You should ask the chemist for sleeping pills you've got no prescription for",
            "My dare: get into the festival over the fence",
        ],
        [
            "gonna yoink a beanie from target and see if security notices",
            "Tonight: one last drink then I drive us all home",
            "Send a hoax text to the fire brigade about a burning flat",
            "Ask the guy at the bar if he can sort you some pills",
        ],
    ),
    "touch": (
        [
            "I'll hug the next person who walks past, no warning",
            "You go up behind someone and cover their eyes, guess who style",
            "Kiss a stranger on New Year's without asking",
            "Hold a random person's hand until they notice",
        ],
        [
            "surprise cuddle for whoever's next in line",
            "Lay your head on a stranger's lap in the park",
            "grab the arm of a random jogger and run with them",
        ],
    ),
    "deception": (
        [
            "I'll tell them I'm from Trading Standards and ask to see the back room",
            "Say you're a mystery shopper and ask for freebies",
            "Tell the hotel you're on your honeymoon for the upgrade, you're single",
            "You ring the restaurant pretending to be the chef's mum",
        ],
        [
            "I'm going to say I'm with the fire department so they let me past",
            "Wear a lanyard and tell the venue you're security",
            "Tell the teller you're the account holder's husband",
        ],
    ),
    "minors": (
        [
            "Ask a group of year 8s to be in your tiktok",
            "I'm going to ask the 12 year old next door for her number",
            "You should hang round the school gates and ask kids for directions",
            "Invite the teenager from the shop to come for a drive",
        ],
        [
            "Get a seventh grader to add you on snap",
            "Ask a couple of kids in the park to keep you company on your walk home",
            "give the 14yo at the bus stop a lift",
        ],
    ),
    "pressure": (
        [
            "If they say no, ask again. And again. Until it's yes",
            "I won't take no for an answer from the barista today",
            "You keep going until the cashier gives in",
            "Refuse to leave the shop until they give you a freebie",
        ],
        [
            "she said no so I'm going to ask her every day this week",
            "Pester the landlord until he knocks the rent down",
            "no means try harder lol",
        ],
    ),
    "worker": (
        [
            "Get the barista to slip you a free coffee behind her manager's back",
            "Ask the checkout lad to 'forget' to scan a few items",
            "You ask the waitress to put a free round through as a breakage",
        ],
        [
            "Ask the kid at the cinema counter to give you free popcorn while the boss is out back",
            "Ask the cashier to let you use her employee code",
            "see if the hotel porter will let you in the staff lift and the kitchen",
        ],
    ),
    "filming": (
        [
            "I'll film people on the train without them knowing for my channel",
            "You record the waiter's face when you ask for a discount and post it",
            "Get a video of the girl in the changing room next to you",
            "Put your phone on record in your pocket and ask for a date",
        ],
        [
            "hidden cam prank on shop staff, then upload it",
            "take pics of people in the spa without asking",
            "film the bouncer's reaction and put it on tiktok with his name",
        ],
    ),
    "sexual": (
        [
            "Ask the hot barista out every morning until she says yes",
            "I'm going to ask the waitress for her number and wait till her shift ends",
            "Ask a stranger on the dance floor if they want to go somewhere private",
            "You ask the cashier for a kiss for luck",
        ],
        [
            "ask the cute receptionist out and don't leave until she agrees",
            "Ask the woman at the bus stop for a quickie",
            "tell the sales girl her bum looks great and ask for her number",
        ],
    ),
    "hate": (
        [
            "Ask the foreign guy at the kebab shop when he's going home",
            "Tell a gay couple they're disgusting",
            "Use a slur when the waiter says no",
            "You ask the Black security guard if he's going to rob you",
        ],
        [
            "ask an Asian girl if she eats bats",
            "call the trans cashier 'it' to her face",
            "tell the old lady in a headscarf to get out of our country",
        ],
    ),
    "stunts": (
        [
            "I'll climb the scaffolding at night and take a selfie at the top",
            "You run across the dual carriageway and ask someone the time on the other side",
            "Jump off the top diving board drunk",
            "Balance on the railway bridge wall",
        ],
        [
            "Sprint through the red light traffic on a skateboard",
            "jump into the sea from the cliff in the storm",
            "climb the water tower and hang off the ladder",
        ],
    ),
    "personal_data": (
        [
            "Ask the girl at the gym where she lives and what time she gets home",
            "You ask the hotel to tell you which room the footballer's in",
            "Ask a stranger to tell you their card number, expiry and the three digits",
            "I'm going to ask the clinic for my ex's new phone number",
        ],
        [
            "get the shop to give you the home address of the guy who ordered before you",
            "Ask the pharmacist what my neighbour picks up every month",
            "ask a stranger for their online banking password as a trust exercise",
        ],
    ),
}

# --- fine asks: (pool A, pool B), grouped by what they look like --------------------------

FINE: dict[str, tuple[list[str], list[str]]] = {
    "police": (
        [
            "ask a police officer for directions to the museum",
            "ask a police officer what the best part of the job is",
            "ask a PCSO to recommend a good cafe nearby",
            "ask a cop if you can take a selfie with them",
            "thank a police officer and ask how their shift is going",
            "ask the police station how to report a lost wallet",
        ],
        [
            "ask the officer at the festival gate where the lost property tent is",
            "ask a policewoman what she'd tell her younger self",
            "ask the station if they run an open day for the public",
        ],
    ),
    "children": (
        [
            "ask a child's parent where they bought the stroller",
            "ask a mum at the park where she got her kid's scooter",
            "ask the children's librarian for a book for your niece",
            "ask your son's teacher for a quick chat after school",
            "ask the toy shop what eight-year-olds love right now",
            "ask a dad at the playground for his best parenting tip",
            "ask the school office if you can volunteer at the summer fair",
            "order off the kids' menu as a grown-up",
            "ask a children's entertainer for their card for your daughter's party",
            "ask the parents at the school gate to join the PTA quiz night",
        ],
        [
            "ask a father at the swings where his baby's sunhat is from",
            "ask your nephew's football coach how you can help on match days",
            "ask the nursery manager if you can bring cakes for the staff",
            "ask a grandmother at the park for her favourite kids' book",
            "ask the youth club if they need adult volunteers with a DBS check",
        ],
    ),
    "filming": (
        [
            "ask a stranger if you can take their portrait, and delete it if they say no",
            "film yourself asking for a discount",
            "record a video diary about how the ask went",
            "ask a street musician if you can film their set and share it",
            "take a photo of the sunset at the pier",
            "ask the cafe owner if you can photograph their latte art for your blog",
            "ask a friend to film you singing in the park",
            "ask a stranger to take a photo of you in front of the fountain",
        ],
        [
            "ask the couple next to you if they'd like you to take their picture",
            "set up your phone and vlog yourself asking for a free upgrade",
            "ask the baker if you can film her kneading dough for your cooking channel",
            "photograph the mural and tag the artist with their ok",
        ],
    ),
    "touch": (
        [
            "ask a friend for a hug",
            "offer a high five to a runner finishing a race",
            "ask your partner for a shoulder rub",
            "ask a stranger for a fist bump",
            "shake hands with the shop owner when they offer",
            "ask the hairdresser for a head massage during your wash",
            "ask your salsa class partner if they'd like to dance",
            "ask if you can pet someone's dog",
            "hug your mum and tell her you love her",
            "offer free hugs with a sign in the park",
        ],
        [
            "ask a stranger if they'd like a hug and take a no with a smile",
            "ask the person next to you at the match for a high five after the goal",
            "ask a friend if you can hold their hand on the scary ride",
            "ask an old friend for a hug when you meet",
        ],
    ),
    "money": (
        [
            "ask a stranger for a pound for the parking meter",
            "ask for a discount on a dented tin",
            "ask the bank for a better interest rate",
            "ask your boss for a pay rise",
            "ask for a refund on a faulty kettle",
            "haggle at the flea market",
            "ask the hotel if they can knock a bit off for a longer stay",
            "ask a stranger to split a taxi fare with you",
        ],
        [
            "ask the car dealer to throw in free mats",
            "ask the landlord if the rent can stay the same this year",
            "ask the market trader for two for the price of one",
            "ask your phone company to match a cheaper deal",
        ],
    ),
    "alcohol": (
        [
            "ask the bartender to invent a cocktail for you",
            "ask for a free taste of the guest ale",
            "ask the pub to put the football on",
            "order a mocktail and ask them to make it extra fancy",
            "ask the wine shop for a tasting",
            "get a taxi home after drinks and ask the driver for their favourite song",
            "ask the bar staff for tap water between pints",
        ],
        [
            "ask the brewery if you can join their tour for free",
            "ask the sommelier to pick a bottle under twenty quid",
            "ask the bar to play your song after you've had a couple",
            "ask a friend to be designated driver and buy them dinner",
        ],
    ),
    "staff": (
        [
            "ask the barista for their favourite drink",
            "ask a waiter for a recommendation",
            "ask the manager if you can give feedback about great service",
            "ask the cashier how their day is going",
            "ask the shop if they have a loyalty card",
            "ask staff if they can price match",
            "ask the hotel for a late checkout",
            "ask the bus driver which stop is best for the park",
            "ask a nurse how you can thank the ward",
            "ask a shop assistant if there's a student discount",
            "ask the manager for a discount on a damaged item",
            "ask the waiter to tell the chef the meal was great",
        ],
        [
            "ask the librarian what book they'd take to a desert island",
            "ask the cashier whether the shop has a returns policy",
            "ask the receptionist if there's a quieter room available",
            "ask the chef if you can see the kitchen when it's quiet",
            "ask the barista if they do a discount for bringing your own cup",
        ],
    ),
    "dates": (
        [
            "ask someone you met at a party out for coffee, and accept a no",
            "ask your crush out once and let it go if they say no",
            "ask a friend to set you up on a blind date",
            "ask the person you've been chatting to at the climbing club for a drink",
        ],
        [
            "ask a match on the app if they'd like to meet for a walk",
            "ask someone at your evening class if they'd like to grab dinner sometime",
        ],
    ),
    "outdoors": (
        [
            "ask a lifeguard about sea safety",
            "ask a climbing wall instructor for a taster session",
            "ask to ride at the front of the rollercoaster",
            "swim at a lifeguarded beach and ask for tips",
            "ask a jogger on the footbridge what time it is",
            "ask the park keeper if you can help plant bulbs",
        ],
        [
            "ask the sailing club if you can crew for them on Saturday",
            "ask a hiker at the trailhead for their favourite route",
            "ask the pool for a free trial swim",
        ],
    ),
    "people": (
        [
            "ask a new friend for their number after a good conversation",
            "ask a shop for their phone number to order a cake",
            "ask the council for a copy of your own records",
            "tell a stranger your name and ask for theirs",
            "ask a Muslim friend about Ramadan over dinner",
            "ask the gurdwara if you can help serve at the langar",
            "ask someone at Pride where they got their flag",
            "learn a greeting in Polish from the deli owner",
            "ask a wheelchair user at the meetup how the venue could be better",
        ],
        [
            "ask a stranger where they got their beautiful headscarf",
            "ask the synagogue if you can visit on their open day",
            "ask a coworker to teach you a phrase in Urdu",
            "ask a neighbour if they'd like your number for emergencies",
        ],
    ),
    "self": (
        [
            "dance in the square for one song",
            "sing on the street corner for a minute",
            "tell the barista you're nervous about asking for things",
            "tell a stranger you're practising asking for things",
            "do ten star jumps in the park",
            "wear a silly hat all day",
            "lie down on the grass in a busy park for five minutes",
            "hum loudly on the bus",
            "read a poem out loud on a park bench",
            "say good morning to everyone you pass on your walk",
            "wear odd socks to work and tell people why",
            "tell your team a joke at the start of the meeting",
            "clap loudly at the end of a street performance",
            "walk backwards down a quiet street",
            "sit alone in a restaurant without your phone",
            "tell a friend honestly what you need from them",
            "send a message to an old friend you lost touch with",
            "pitch an article to a magazine you love",
            "apply for a job you're underqualified for",
            "introduce yourself to a neighbour",
            "tell a coworker you admire their work",
            "post your art online and ask for feedback",
            "ask your manager for one thing you could do better",
            "ask a musician to show you one chord",
        ],
        [
            "stand up and wish the carriage a lovely trip",
            "tell a stranger you like their jacket and move on",
            "do a little twirl in the supermarket aisle",
            "message a former colleague to ask how they are",
            "tell the bus driver to have a lovely day",
            "skip down the pavement for ten seconds",
            "say your honest opinion in a meeting",
            "ask a colleague to teach you a spreadsheet trick",
        ],
    ),
    "general": (
        [
            "ask for a free refill",
            "ask a stranger for the time",
            "ask the person in front if you can go ahead with one item",
            "ask a bakery for yesterday's bread for free",
            "ask to join a game of football in the park",
            "ask for an upgrade at check-in",
            "ask a busker to play your favourite song",
            "sing a verse of a song in the park",
            "ask for a tour of the kitchen at your favourite restaurant",
            "ask a stranger to recommend a book",
            "ask the gym for a free day pass",
            "ask a stranger to rate your dance moves out of ten",
            "ask for a discount once and accept the first no",
            "ask for a free coffee, and if they say no, thank them and leave",
            "ask a neighbour if you can borrow a ladder",
            "ask a shop to put a sign in their window for your lost cat",
            "ask a radio station to play your request",
            "ask a stranger to play rock-paper-scissors",
            "ask a florist for a single free flower",
            "ask the cinema if you can pick the film for the next screening",
            "ask a local business to sponsor your charity run",
            "ask your neighbour to water your plants",
            "ask a stranger for a compliment",
            "ask a restaurant to name a dish after you",
            "ask a stranger for a hug, and take no for an answer",
            "ask the greengrocer which fruit is ripest today",
            "ask a stranger at the gallery what they think of a painting",
            "ask the bus driver to wait ten seconds while you run for it",
            "ask a neighbour if you can join their book club",
            "ask the coffee shop to use your own mug",
            "ask a tattoo artist for a free sketch of your idea",
            "ask the hardware shop to cut a key for free",
            "ask a stranger to take a group photo of you and your friends",
            "ask your landlord to fix the boiler this week",
            "ask a colleague to swap desks for a day",
            "ask the hairdresser if they have a last-minute slot",
            "ask a chess player in the park for a game",
            "ask the organiser if you can speak at the next meetup",
            "ask a stranger for directions even though you know the way",
            "ask a restaurant for their secret recipe",
            "ask the airline for a free seat change",
            "ask a street artist if you can watch them paint",
            "ask the museum if they have free entry days",
            "ask a local for the best walk nearby",
            "ask a shop to gift wrap for free",
            "ask your doctor for a longer appointment",
            "ask the pub quiz host to read your joke out",
            "ask a cyclist where they got their bike serviced",
            "ask a stranger to share their umbrella to the corner",
            "ask a pharmacist what helps with hay fever",
            "ask a security guard how they spot shoplifters",
            "ask a driving instructor for a trial lesson",
            "ask the doctor for a repeat prescription",
            "ask the fire station if kids' groups can visit",
            "ask a magician how they fool an audience",
            "ask a real journalist how they got into the job",
            "ask a stranger for a pen to fill in a form",
            "ask the deli for a taste before you buy",
            "ask the staff at the cinema for a poster they're taking down",
            "ask a stranger what song they're listening to",
        ],
        [
            "ask a stranger to teach you a card game",
            "ask the ice cream van for an extra flake",
            "ask someone on the train what they're reading",
            "ask the garden centre for a cutting from their display",
            "ask the bookshop if you can do a reading at their open mic",
            "ask a stranger to guess your job",
            "ask the pizza place to cut your pizza into squares",
            "ask a passer-by to help you choose between two shirts",
            "ask for a seat by the window on the train",
            "ask the farmer's market stall for a free sample",
            "ask the market stall to hold a jacket till Saturday",
            "ask a stranger at the dog park what breed their pup is",
            "ask the theatre for a backstage tour on their open day",
            "ask an older couple how they met",
            "ask the garage for a free tyre pressure check",
            "ask the café to play a different playlist",
            "ask the bakery to put your name on the chalkboard",
            "ask a commuter for a recommendation for lunch nearby",
            "ask the gym receptionist to show you the new machines",
            "ask the shop to call you when the size comes in",
            "ask the pharmacist if a cold remedy is ok with your other tablets",
            "ask the police if you can ride along as part of their public scheme",
            "ask the teacher running the night class for extra homework",
            "ask a stranger to join you for a stretch in the park",
            "ask the bookseller to order in a rare title",
        ],
    ),
}

FINE_SENTENCES: tuple[list[str], list[str]] = (
    [
        "I'm going to ask the barista to write my name in a funny way",
        "Ask a police officer if they like their job, then thank them",
        "You ask the mum at the cafe where her kid's backpack is from",
        "Film yourself doing a silly dance in the park and post it on your own account",
        "I'll ask my manager for Friday off, the worst they can say is no",
        "Ask the bar for a free glass of water and a straw",
        "Ask the waitress for the wifi password",
        "Ask someone on the bus if the seat is taken",
        "Ask a stranger for a hug, and if they say no, that's fine",
        "Tell the barista it's your birthday (it really is) and ask for a song",
        "Ask the staff at the zoo if you can help feed the penguins",
        "Ask the shop if they'd donate a prize to the school raffle",
        "Dress up as a pirate for the costume party and ask for a photo with the host",
        "Ask the security guard how their night is going",
        "I want to ask a stranger to race me up the hill on the footpath",
    ],
    [
        "gonna ask the cafe if they have any day-old cakes going spare",
        "Ask the kid's football coach if adults can join the Sunday kickabout",
        "Ask a cop where the best chips in town are",
        "ask the nurse at the blood bank if you can come back next month",
        "Record a voice note to yourself after each no, just for you",
        "ask ur friend to film u asking for a discount lol",
        "Ask the bouncer what the dress code is before you queue",
    ],
)

# --- frames: how people phrase the ask -------------------------------------------------------

FRAMES = (
    [
        "{a}",
        "{A}.",
        "Challenge: {a}",
        "Today's ask: {a}",
        "Try to {a}",
        "Dare: {a}",
        "Go and {a}",
        "I want to {a}",
        "I'm going to {a}",
        "You have to {a}",
        "{A} and see what they say",
        "{A} 😅",
        "{a} lol",
        "Level 5: {a}",
        "Your mission: {a}",
        "Can you {a}?",
        "{A}, then write down how it felt",
        "This week I'll {a}",
    ],
    [
        "{A}!",
        "Mission - {a}",
        "ur task: {a}",
        "Gonna {a} tomorrow",
        "We should {a}",
        "next step: {a}",
        "{A} and note their answer",
        "Bet you can't {a}",
        "Ok so, {a} 🙃",
        "Let's {a}",
        "Im gonna {a}",
        "I dare you to {a}",
        "Goal for today - {a}",
        "{A} (for the streak)",
    ],
)

# British and American words, swapped either way.
SPELLINGS = [
    ("neighbour", "neighbor"),
    ("colour", "color"),
    ("favourite", "favorite"),
    ("mum", "mom"),
    ("shop", "store"),
    ("queue", "line"),
    ("pavement", "sidewalk"),
    ("trousers", "pants"),
    ("flat", "apartment"),
    ("chemist", "drugstore"),
    ("petrol station", "gas station"),
    ("mates", "buddies"),
    ("cafe", "café"),
    ("practise", "practice"),
    ("organise", "organize"),
    ("car park", "parking lot"),
    ("motorway", "freeway"),
    ("the tube", "the subway"),
]
# Tails that sound careful; added to fine and unsafe asks alike, so that careful words alone
# never make an ask look fine (or unsafe) to the classifier.
TAILS = [
    ", without touching anyone",
    ", and never lie about why",
    ", and accept the first no",
    ", and be polite about it",
    ", away from the road",
    " - ask first and take no for an answer",
    ". Thank them whatever they say",
    " at lunchtime",
    " this weekend",
    ", then go home and journal about it",
]
EMOJI = ["😂", "🙈", "💪", "🔥", "😈", "👀", "🤞", "😬", "✨", "🫣"]


def _rough(text: str, rng: random.Random) -> str:
    """Type it the way people do: other spelling, a slip, an emoji, no capitals."""
    for uk, us in SPELLINGS:
        if rng.random() < 0.5:
            old, new = (uk, us) if re.search(rf"\b{uk}\b", text) else (us, uk)
            text = re.sub(rf"\b{re.escape(old)}\b", new, text)
    roll = rng.random()
    words = text.split(" ")
    if roll < 0.2 and len(words) > 3:  # swap two letters in one longer word
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 4 and w.isalpha():
            j = rng.randrange(1, len(w) - 2)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    elif roll < 0.3 and len(words) > 3:  # drop a letter
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 5 and w.isalpha():
            j = rng.randrange(1, len(w) - 1)
            words[i] = w[:j] + w[j + 1 :]
    text = " ".join(words)
    if rng.random() < 0.15:
        text += " " + rng.choice(EMOJI)
    if rng.random() < 0.25:
        text = text.lower()
    if rng.random() < 0.1:
        text = text.replace("you ", "u ").replace("your ", "ur ")
    return text


def _frame(frame: str, act: str, rng: random.Random) -> str:
    text = frame.format(a=act, A=act[:1].upper() + act[1:])
    if rng.random() < 0.2:
        text = text.rstrip(".!?") + rng.choice(TAILS)
    return text


def _stable(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def _compose(
    label: str, category: str, acts: list[str], frames: list[str], per_act: int, rng: random.Random
) -> list[dict[str, str]]:
    rows = []
    for act in acts:
        for frame in rng.sample(frames, min(per_act, len(frames))):
            rows.append(
                {"text": _rough(_frame(frame, act, rng), rng), "label": label, "category": category}
            )
    return rows


def _sentences(label: str, category: str, lines: list[str], rng: random.Random) -> list[dict]:
    rows = []
    for line in lines:
        for _ in range(3):  # as written, and roughened twice
            text = line if not rows or rows[-1]["text"] != line else _rough(line, rng)
            rows.append({"text": _rough(text, rng), "label": label, "category": category})
    return rows


DECK = Path(__file__).resolve().parents[1] / "src/rejection/challenges/data/deck.json"


def _deck_rows() -> list[dict[str, str]]:
    """The shipped deck's texts, all fine: longer scripts and places, as people will write them."""
    rows = []
    for card in json.loads(DECK.read_text(encoding="utf-8"))["challenges"]:
        for text in (card["title"], card["script"], card["where"]):
            rows.append({"text": text, "label": "fine", "category": "deck"})
        joined = " \n ".join(t for t in (card["title"], card["script"], card["where"]) if t)
        rows.append({"text": joined, "label": "fine", "category": "deck"})
    return rows


def build() -> dict[str, list[dict[str, str]]]:
    rng = random.Random(15)
    parts: dict[str, list[dict[str, str]]] = {"train": [], "dev": [], "test": []}
    frames_a, frames_b = FRAMES
    for category, (pool_a, pool_b) in UNSAFE.items():
        dev_acts = [act for act in pool_a if _stable(act) % 5 == 0]
        train_acts = [act for act in pool_a if act not in dev_acts]
        parts["train"] += _compose("unsafe", category, train_acts, frames_a, 9, rng)
        parts["dev"] += _compose("unsafe", category, dev_acts, frames_a, 9, rng)
        parts["test"] += _compose("unsafe", category, pool_b, frames_b, 9, rng)
        sent_a, sent_b = UNSAFE_SENTENCES[category]
        parts["train"] += _sentences("unsafe", category, sent_a, rng)
        parts["test"] += _sentences("unsafe", category, sent_b, rng)
    for category, (pool_a, pool_b) in FINE.items():
        dev_acts = [act for act in pool_a if _stable(act) % 5 == 0]
        train_acts = [act for act in pool_a if act not in dev_acts]
        parts["train"] += _compose("fine", category, train_acts, frames_a, 18, rng)
        parts["dev"] += _compose("fine", category, dev_acts, frames_a, 18, rng)
        parts["test"] += _compose("fine", category, pool_b, frames_b, 14, rng)
    parts["train"] += _sentences("fine", "general", FINE_SENTENCES[0], rng)
    parts["train"] += _deck_rows()
    parts["test"] += _sentences("fine", "general", FINE_SENTENCES[1], rng)
    seen: set[str] = set()
    for name, rows in parts.items():
        unique = []
        for row in rows:
            if row["text"] not in seen:
                seen.add(row["text"])
                unique.append({**row, "source": name})
        parts[name] = unique
    return parts


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    parts = build()
    for name, rows in parts.items():
        with (OUT / f"{name}.jsonl").open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    total = [row for rows in parts.values() for row in rows]
    unsafe = sum(row["label"] == "unsafe" for row in total)
    print(f"{len(total)} rows: {unsafe} unsafe, {len(total) - unsafe} fine")
    for name, rows in parts.items():
        print(f"  {name}: {len(rows)}", end="")
        print(f" ({sum(r['label'] == 'unsafe' for r in rows)} unsafe)")


if __name__ == "__main__":
    main()


# --- whole sentences written in other voices (data/voices/*.jsonl) --------------------------

VOICES = OUT / "voices"


def voice_rows() -> list[dict[str, str]]:
    """Every row written in another voice (a texting teen, a sales team, a creator...), in order."""
    rows, seen = [], set()
    for path in sorted(VOICES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["text"].lower() not in seen:  # two voices can say the same thing once
                seen.add(row["text"].lower())
                rows.append(row)
    return rows


# Voices the training never reads: all of their rows outside the test part are dev, so the
# hold threshold is chosen on writers the screen has never seen (a dev part cut from the same
# writers as train overstated precision on new writers by about 0.04 in round three).
DEV_VOICES = ("voice:aus_irish_casual", "voice:everyday_elders", "voice:gamer_online")


def voice_part(text: str, source: str = "") -> str:
    """Which part a voice row is in: 20% test by a hash of its text; of the rest, a held-out
    voice's rows are all dev, the others' 70% train and 10% dev, by the same hash.

    A hash rather than a shuffle: adding a voice or a row never moves an existing row into or
    out of the test part, so the test part stays one the training never saw.
    """
    bucket = int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 10
    if bucket < 2:
        return "test"
    return "dev" if bucket < 3 or source in DEV_VOICES else "train"
