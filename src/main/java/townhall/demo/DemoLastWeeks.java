package townhall.demo;

import static townhall.demo.DemoContent.STAFF;

/** The demo's later questions, asked 16 days ago until today, some still waiting for an answer. */
final class DemoLastWeeks {
    private final DemoContent demo;

    DemoLastWeeks(DemoContent demo) {
        this.demo = demo;
    }

    void post(DemoFirstWeeks.DropoutThread dropouts) {
        long drain = demo.ask("priya", 16.4, "headphones", "battery northwind-one firmware",
                "Battery drains overnight even when the Northwind One is switched off", """
                I charge my headphones to 100 % in the evening, switch them off with the power button, and in the \
                morning they are at 60 to 70 %. Is that normal? They are about three months old.""");
        demo.after(1);
        long charger = demo.answer("kenji", drain, """
                Mine do the same. I just leave them on the charger overnight, problem solved.""");
        demo.after(4);
        long powerOff = demo.answer(STAFF, drain, """
                That is a lot more than it should be. Two things usually cause it:

                1. **A short press doesn't switch them off.** It puts the Northwind One in standby, where it keeps \
                listening for your phone. Hold the power button for **3 seconds** until you hear "Power off".
                2. **Firmware older than 4.1.3** had a bug that made standby use far too much power. Update in the \
                app under **Settings → Firmware**.

                Properly switched off, a full battery loses about 1 to 2 % a week.""");
        demo.after(5);
        demo.verify(powerOff, "Applies to firmware 4.1.3 and later.");
        demo.up(drain, "maria", "kenji", "jonas", "olga");
        demo.down(charger, "tomas", "olga");
        demo.up(powerOff, "priya", "maria", "jonas", "olga", "aisha");
        demo.comment("olga", charger, "Keeping lithium batteries at 100 % all night wears them out faster, though.");
        demo.after(15);
        demo.comment("priya", powerOff, "I was only pressing briefly! Held it for 3 seconds last night: 100 % → 99 %.");
        demo.accept("priya", powerOff);

        long tracking = demo.ask("tomas", 13.2, "orders", "shipping",
                "My order has said \"label created\" for five days. Is it lost?", """
                I ordered a pair of Northwind Buds last week (order NW-10482). Since Monday the tracking page says \
                "Label created" and nothing has moved. Should I be worried, or is this normal?""");
        demo.after(3);
        long handedOver = demo.answer(STAFF, tracking, """
                Sorry for the wait, Tomas. "Label created" means the parcel is packed and waiting for the carrier's \
                first scan; in a sale week that scan sometimes only happens at the sorting centre, two or three days \
                later.

                I checked your order: the carrier picked it up yesterday, and it should arrive by Thursday. If \
                tracking hasn't moved for **7 working days**, contact support and we'll send a replacement or \
                refund you, without waiting for the carrier's investigation.""");
        demo.up(tracking, "maria");
        demo.up(handedOver, "tomas", "priya", "jonas");
        demo.after(50);
        demo.comment("tomas", handedOver, "Arrived on Thursday as promised. Thanks, Sam!");
        demo.accept("tomas", handedOver);

        long optical = demo.ask("maria", 11.1, "speakers", "room-5 tv",
                "Can I use the Room 5 as a TV speaker over optical?", """
                I'd like to use my Room 5 with the TV instead of buying a soundbar. It has an optical input at the \
                back. Is there a lip-sync delay, and does the TV remote's volume control work?""");
        demo.after(5);
        long tvSetup = demo.answer("jonas", optical, """
                I've used mine with an LG TV over optical for half a year:

                - **Delay:** none I can notice, as long as the Room 5 isn't in a multi-room group. In a group the \
                speaker waits about 70 ms to stay in sync, and then lips are visibly off.
                - **Volume:** the TV remote doesn't control it over optical by itself. Under app → speaker → \
                *TV remote* the Room 5 can learn the remote's volume buttons.
                - Set the TV's audio output to **PCM**, not *Auto* or *Bitstream*, or you may get silence with \
                Dolby content.""");
        demo.up(optical, "jonas", "tomas", "olga");
        demo.up(tvSetup, "maria", "tomas", "kenji", "priya");
        demo.after(20);
        demo.comment("maria", tvSetup, "The PCM tip saved my evening, Netflix was silent before. Thanks!");

        long codecs = demo.ask("kenji", 9.3, "headphones", "bluetooth northwind-one codecs",
                "Does the Northwind One support aptX or LDAC?", """
                My Android phone supports LDAC and aptX HD. Which codecs does the Northwind One use, and how can I \
                see which one is active?""");
        demo.after(2);
        long developerOptions = demo.answer("olga", codecs, """
                My Galaxy shows *aptX Adaptive* under Developer options → Bluetooth audio codec, so that one at \
                least. I don't think it does LDAC.""");
        demo.after(6);
        long codecTable = demo.answer(STAFF, codecs, """
                The Northwind One supports **SBC, AAC and aptX Adaptive**. It does not support LDAC.

                | Phone | Codec used |
                |-------|------------|
                | iPhone | AAC |
                | Android with aptX Adaptive (most Snapdragon phones) | aptX Adaptive |
                | Other Android phones | AAC or SBC |

                To see the active codec on Android, switch on Developer options and look under **Settings → System \
                → Developer options → Bluetooth audio codec**. From app 3.8 on, the Northwind app shows it too, \
                under **Settings → Connections**.""");
        demo.verify(codecTable, "");
        demo.up(codecs, "maria", "olga", "tomas", "jonas", "priya", "aisha");
        demo.up(developerOptions, "kenji", "jonas");
        demo.up(codecTable, "kenji", "olga", "maria", "tomas", "aisha");

        long macbook = demo.ask("aisha", 7.2, "headphones", "bluetooth northwind-one",
                "Headphones disconnect from my MacBook every few minutes", """
                My Northwind One loses the connection to my MacBook Air (macOS Sonoma) every few minutes, then \
                comes back on its own. My phone is paired as well. Any idea what's going on?""");
        demo.after(1.2);
        demo.comment(STAFF, macbook,
                "This is the multipoint issue that firmware 4.2 fixes; the linked question has the steps.");
        demo.close(macbook, dropouts.question());
        demo.ago(8.1);
        demo.comment("olga", dropouts.multipointAnswer(), "Updated to 4.3 yesterday: no more drops on my Mac either.");

        long hiss = demo.ask("olga", 5.1, "speakers", "room-5 firmware",
                "Room 5 makes a faint hiss when nothing is playing", """
                In a quiet room I can hear a faint hiss from my Room 5 when nothing is playing, from about a metre \
                away. It stops after a minute or two of silence and comes back as soon as I play something again.

                Is this normal for the amplifier, or should I send the speaker in?""");
        demo.after(3);
        demo.comment(STAFF, hiss, "Thanks for reporting, Olga. Which firmware is it on, and do you hear it over Wi-Fi, "
                + "Bluetooth or the optical input?");
        demo.after(5);
        demo.comment("olga", hiss,
                "Firmware 2.6.1, playing over Wi-Fi. With the optical input it's completely silent.");
        demo.up(hiss, "jonas", "maria");

        long presets = demo.ask("jonas", 4.2, "app", "app eq",
                "Can custom EQ presets sync between my phone and my tablet?", """
                I made a few custom EQ presets in the app on my phone. When I open the app on my tablet they're not \
                there, only the built-in ones.

                Is there a way to sync them (a Northwind account, export and import), or do I have to set every \
                band again by hand?""");
        demo.after(6);
        demo.up(presets, "maria", "kenji", "priya", "aisha");

        long address = demo.ask("priya", 2.3, "orders", "shipping",
                "Can I change the delivery address after ordering?", """
                I ordered a Room 5 an hour ago and just realised it's going to my old address. The order \
                confirmation says "Processing". Can I still change the address myself, or does support have to do it?""");
        demo.after(1);
        demo.up(address, "tomas");

        long earTips = demo.ask("tomas", 1.4, "headphones", "northwind-buds",
                "Which Northwind Buds ear tip size stays in while running?", """
                The Buds sound great, but with the medium tips the right one works loose after about 3 km of \
                running. Should I go up a size, or are there tips with wings?""");
        demo.after(2);
        long fitTest = demo.answer("aisha", earTips, """
                I had the same. Two things helped:

                - Go **one size up on the loose side only**; many people's ears differ a little in size.
                - After putting a bud in, twist it slightly backwards so the fin locks behind the ridge of your ear.

                The Buds come with XS, S, M and L tips, and the app's **Fit test** (Settings → Ear tip fit) tells \
                you whether each side seals.""");
        demo.up(earTips, "aisha", "kenji");
        demo.up(fitTest, "tomas", "priya", "maria");
        demo.after(20);
        demo.comment("tomas", fitTest, "Large on the right, medium on the left, and the fit test passes now. "
                + "10 km this morning without touching them.");
        demo.accept("tomas", fitTest);

        long crackle = demo.ask("maria", 0.45, "headphones", "northwind-one warranty",
                "Left ear cup crackles at high volume after a drop", """
                I dropped my Northwind One on a tiled floor yesterday. Since then the left side crackles at high \
                volume, mostly with bass-heavy music. At low volume it sounds fine.

                - Firmware 4.3.0
                - No visible damage except a small scratch on the headband

                Is there anything I can check myself, and would a repair after a drop be covered?""");
        demo.after(2);
        demo.up(crackle, "olga", "priya");

        long wearDetection = demo.ask("kenji", 0.12, "app", "app northwind-one",
                "Auto-pause doesn't work any more when I take the headphones off", """
                *Wear detection* is switched on in the app, but the music keeps playing when I take my Northwind One \
                off. It used to work. What I tried so far:

                1. Switched *Wear detection* off and on again
                2. Restarted the phone
                3. Cleaned the sensor inside the left ear cup

                Anything else I can try before contacting support?""");
        demo.after(1);
        demo.up(wearDetection, "aisha");
    }
}
