package townhall.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import townhall.account.Member;
import townhall.qa.CurationService;
import townhall.qa.PostingService;
import townhall.qa.ViewCounter;

/**
 * The Northwind Audio demo's questions, answers, comments, votes and marks, posted through the real services
 * in the order they happened: before each step the demo clock is set to when it happened, so every timestamp,
 * revision and count comes out as if members had written it over the past five weeks.
 */
final class DemoContent {
    private static final String STAFF = "sam_staff";

    private final DemoServices at;
    private final DemoClock clock;
    private final Instant now;
    private final Map<String, Member> members;
    private final Map<Long, Double> ages = new LinkedHashMap<>();
    private Instant asked;

    DemoContent(DemoServices at, DemoClock clock, Instant now, Map<String, Member> members) {
        this.at = at;
        this.clock = clock;
        this.now = now;
        this.members = members;
    }

    void post() {
        long dropouts = ask("maria", 34.3, "headphones", "bluetooth northwind-one pairing",
                "Northwind One keeps dropping the Bluetooth connection to my Windows laptop", """
                Since last week my Northwind One disconnects from my laptop every 10 to 20 minutes. The sound stops, \
                the headphones say "Disconnected" and a few seconds later they reconnect by themselves.

                - Laptop: Dell XPS 13, Windows 11 23H2, Intel AX211 Bluetooth
                - Headphones: firmware 4.1.3, according to the app
                - My phone is paired too, but its Bluetooth is usually off

                It never happens with the phone. Is this a known problem, or is my pair faulty?""");
        after(1.5);
        long powerSaving = answer("tomas", dropouts, """
                I had exactly this on a ThinkPad. Windows switches the Bluetooth adapter off to save power, and the \
                headphones notice before Windows does.

                1. Open **Device Manager** → **Bluetooth** → your Intel adapter → **Properties**.
                2. On the **Power Management** tab, untick *Allow the computer to turn off this device to save power*.
                3. On a desktop with a USB dongle, do the same for the USB root hubs.

                Not a single drop in two weeks since I changed that.""");
        after(5);
        long multipoint = answer(STAFF, dropouts, """
                Thanks for the details, Maria, they help a lot. Firmware 4.1.x has a known issue with **multipoint**: \
                when a second paired device is around, the headphones sometimes drop the first link while they look \
                for the second one, even when Bluetooth on the phone is off.

                Firmware **4.2** fixes this. To update:

                1. Open the Northwind app and connect the headphones.
                2. Go to **Settings → Firmware** and tap **Update**. Keep the battery above 30 %.
                3. Afterwards, remove the Northwind One from the laptop's Bluetooth devices and pair it again.

                If you cannot update right away, switching **Multipoint** off (Settings → Connections) avoids the \
                drops as well.""");
        after(6);
        comment("maria", powerSaving, "That setting was ticked! Unticked it, I'll report back tomorrow.");
        up(dropouts, "tomas", "olga", "jonas", "kenji", "aisha");
        up(powerSaving, "maria", "olga", "priya");
        up(multipoint, "maria", "tomas", "priya", "kenji", "aisha", "jonas");
        after(26);
        comment("maria", powerSaving, "A full working day without a single drop. Thank you, Tomas!");
        accept("maria", powerSaving);
        after(30);
        verify(multipoint, "Applies to firmware 4.2 and later.");
        comment("olga", multipoint, "Does switching multipoint off help with the Northwind Buds too?");
        after(33);
        comment(STAFF, multipoint, "The Buds use a different Bluetooth chip and are not affected, so no need.");

        String changelog = """
                Fair point: release notes inside the app are coming with app 3.9. Until then, here is the list for \
                the Northwind One:

                | Version | What changed |
                |---------|--------------|
                | 4.2.0 | Fixes multipoint drop-outs on Windows and macOS; faster reconnect |
                | 4.1.3 | Fixes battery drain in standby; switches off after 30 minutes unused |
                | 4.1.0 | Adds the 10-band custom EQ and new voice prompts |
                | 4.0.2 | First release for the Northwind app 3.x |

                To check your version, open the app and go to **Settings → Firmware**, or hold the power and \
                volume-down buttons for two seconds: a voice prompt reads it out.

                Updates never reset your EQ presets or paired devices.""";
        long firmware = ask("olga", 31.1, "app", "firmware northwind-one",
                "Where can I see what changed in each Northwind One firmware version?", """
                The app only says "A new update is available", without any release notes. Before I update I'd like \
                to know what changes, especially anything about ANC and battery life. Is there a changelog somewhere?""");
        after(3);
        long versions = answer(STAFF, firmware, changelog);
        after(4);
        verify(versions, "Kept up to date by the Northwind team whenever new firmware ships.");
        up(firmware, "maria", "kenji", "priya", "jonas");
        up(versions, "olga", "maria", "tomas", "kenji", "jonas", "priya", "aisha");
        after(9);
        comment("kenji", versions, "Can I roll back to 4.1.3? I liked the old voice prompts better.");
        after(11);
        comment(STAFF, versions, "Rolling back isn't possible, sorry: 4.2 updates the Bluetooth bootloader too.");
        after(20);
        accept("olga", versions);
        ago(10.2);
        edit(STAFF, versions, changelog.replace("|---------|--------------|\n", """
                |---------|--------------|
                | 4.3.0 | Wind-noise reduction for ANC outdoors; includes the multipoint fix |
                """), "Added firmware 4.3.0");

        long grouping = ask("tomas", 28.4, "speakers", "multiroom room-5 app",
                "How do I group two Room 5 speakers for multi-room playback?", """
                I bought a second Room 5 for the kitchen. Both are set up in the app and play fine on their own, but \
                I can't find how to play the same music on both at once. Spotify Connect only lists them as two \
                separate speakers.""");
        after(2);
        long groupSteps = answer("priya", grouping, """
                You need to make a group in the Northwind app first; Spotify then sees the group as one speaker.

                1. Open the app and go to **Rooms**.
                2. Tap **Edit** (top right), then **New group**.
                3. Pick both speakers and name the group, for example *Downstairs*.
                4. In Spotify, choose *Downstairs* from the device list.

                Both speakers must be on the same Wi-Fi network. The 2.4 GHz and 5 GHz bands of one router count \
                as the same network, a guest network does not.""");
        after(6);
        long groupLeader = answer(STAFF, grouping, """
                Priya's steps are right. Two additions:

                - Groups need firmware **2.6** or newer on every speaker (app → speaker → Settings → Firmware).
                - If the speakers drift out of sync, long-press the group and make the speaker closest to the \
                router the **group leader**.""");
        after(7);
        comment("tomas", groupSteps, "The kitchen speaker was on the guest network. Works perfectly now, thanks!");
        accept("tomas", groupSteps);
        up(grouping, "maria", "priya");
        up(groupSteps, "tomas", "olga", "jonas", STAFF);
        up(groupLeader, "tomas", "priya");

        long cushions = ask("jonas", 25.2, "orders", "warranty northwind-one",
                "How long is the warranty, and does it cover worn ear cushions?", """
                My Northwind One is about 14 months old and the ear cushions are starting to flake. The headphones \
                themselves work perfectly.

                Is this covered by the warranty, or do I have to buy new cushions? And where would I order them?""");
        after(4);
        long warranty = answer(STAFF, cushions, """
                The Northwind One has a **2-year warranty** from the day it was delivered, covering defects in \
                materials and workmanship.

                Ear cushions and ear tips are wear parts, covered for the first **6 months**. After that, \
                replacement cushions are in the shop under *Accessories → Northwind One cushions* (sold as a pair). \
                Twist the old cushion anticlockwise and click the new one in; it takes two minutes.

                That said, flaking after 14 months is earlier than we expect. Send a photo and your order number to \
                support and we'll have a look.""");
        after(5);
        verify(warranty, "Warranty terms for orders in the EU and UK; other regions may differ.");
        after(9);
        long swapTip = answer("olga", cushions, """
                I swapped mine last month, it really is a two-minute job. Tip: wipe the plastic ring with a dry \
                cloth before clicking the new cushions in, otherwise they squeak a little.""");
        up(cushions, "maria", "olga", "kenji");
        up(warranty, "jonas", "maria", "olga", "tomas", "aisha");
        up(swapTip, "jonas", "maria");
        after(30);
        comment("jonas", warranty, "Sent the photos: support is sending a new pair free of charge. Great service.");
        accept("jonas", warranty);

        long podcasts = ask("kenji", 22.3, "headphones", "eq northwind-one",
                "Good EQ settings for podcasts and audiobooks on the Northwind One?", """
                The default sound is great for music, but voices in podcasts sound a bit boomy to me, especially \
                deep voices. Has anyone found custom EQ settings that make speech clearer?""");
        after(3);
        long eqTable = answer("maria", podcasts, """
                This is what I use for podcasts (app → **Sound → Custom EQ**):

                | Band | Gain |
                |------|------|
                | 63 Hz | −4 dB |
                | 125 Hz | −3 dB |
                | 250 Hz | −1 dB |
                | 1 kHz | 0 dB |
                | 2 kHz | +2 dB |
                | 4 kHz | +3 dB |
                | 8 kHz | +1 dB |

                Cutting the lows removes the boom; the small lift around 2 to 4 kHz is where consonants live. Save \
                it as a preset so you can switch back to your music EQ quickly.""");
        after(9);
        long spokenWord = answer("olga", podcasts, """
                Try the built-in **Spoken word** preset before building your own: it does roughly the same, less \
                bass and a bit more presence. Maria's version is slightly crisper, though.""");
        up(podcasts, "maria", "olga", "tomas", "aisha", "priya");
        up(eqTable, "kenji", "olga", "tomas", "priya", "jonas", "aisha");
        up(spokenWord, "kenji", "maria");
        after(14);
        comment("kenji", eqTable, "Huge difference, thank you! Saved it as a preset called \"Podcasts\".");
        accept("kenji", eqTable);

        String android = """
                The app keeps searching forever and never finds my Northwind One, although the headphones are \
                connected in the phone's Bluetooth settings and music plays fine. I've reinstalled the app twice.""";
        long appSearch = ask("aisha", 19.2, "app", "app pairing",
                "Northwind app can't find my headphones on Android 14", android);
        after(0.7);
        edit("aisha", appSearch, "Northwind app can't find my headphones on Android 14 (Pixel 7)", "app pairing android",
                android + """


                - Phone: Pixel 7, Android 14
                - App: Northwind 3.8.0 from Google Play""", "Added phone model and app version");
        after(2);
        long nearby = answer("tomas", appSearch, """
                Android 14 asks for the *Nearby devices* permission separately, and the app doesn't always prompt \
                for it. Check **Settings → Apps → Northwind → Permissions → Nearby devices** and set it to *Allow*.

                With USB debugging on, you can check from a computer whether the permission is granted:

                ```
                adb shell dumpsys package com.northwind.audio | grep BLUETOOTH_SCAN
                ```

                It should say `granted=true`.""");
        after(3);
        comment("aisha", nearby, "It was set to \"Don't allow\". Found the headphones instantly after allowing it!");
        accept("aisha", nearby);
        after(8);
        long appFix = answer(STAFF, appSearch, """
                Tomas found the cause. App **3.8.1**, rolling out on Google Play now, asks for the *Nearby devices* \
                permission on first start and explains why it needs it. If the app still keeps searching after you \
                allowed the permission, force-stop it once.""");
        verify(appFix, "Fixed in the Northwind app 3.8.1 for Android.");
        up(appSearch, "tomas", "priya");
        up(nearby, "aisha", "maria", "priya", "kenji");
        up(appFix, "aisha", "tomas", "jonas");

        long drain = ask("priya", 16.4, "headphones", "battery northwind-one firmware",
                "Battery drains overnight even when the Northwind One is switched off", """
                I charge my headphones to 100 % in the evening, switch them off with the power button, and in the \
                morning they are at 60 to 70 %. Is that normal? They are about three months old.""");
        after(1);
        long charger = answer("kenji", drain, """
                Mine do the same. I just leave them on the charger overnight, problem solved.""");
        after(4);
        long powerOff = answer(STAFF, drain, """
                That is a lot more than it should be. Two things usually cause it:

                1. **A short press doesn't switch them off.** It puts the Northwind One in standby, where it keeps \
                listening for your phone. Hold the power button for **3 seconds** until you hear "Power off".
                2. **Firmware older than 4.1.3** had a bug that made standby use far too much power. Update in the \
                app under **Settings → Firmware**.

                Properly switched off, a full battery loses about 1 to 2 % a week.""");
        after(5);
        verify(powerOff, "Applies to firmware 4.1.3 and later.");
        up(drain, "maria", "kenji", "jonas", "olga");
        down(charger, "tomas", "olga");
        up(powerOff, "priya", "maria", "jonas", "olga", "aisha");
        comment("olga", charger, "Keeping lithium batteries at 100 % all night wears them out faster, though.");
        after(15);
        comment("priya", powerOff, "I was only pressing briefly! Held it for 3 seconds last night: 100 % → 99 %.");
        accept("priya", powerOff);

        long tracking = ask("tomas", 13.2, "orders", "shipping",
                "My order has said \"label created\" for five days. Is it lost?", """
                I ordered a pair of Northwind Buds last week (order NW-10482). Since Monday the tracking page says \
                "Label created" and nothing has moved. Should I be worried, or is this normal?""");
        after(3);
        long handedOver = answer(STAFF, tracking, """
                Sorry for the wait, Tomas. "Label created" means the parcel is packed and waiting for the carrier's \
                first scan; in a sale week that scan sometimes only happens at the sorting centre, two or three days \
                later.

                I checked your order: the carrier picked it up yesterday, and it should arrive by Thursday. If \
                tracking hasn't moved for **7 working days**, contact support and we'll send a replacement or \
                refund you, without waiting for the carrier's investigation.""");
        up(tracking, "maria");
        up(handedOver, "tomas", "priya", "jonas");
        after(50);
        comment("tomas", handedOver, "Arrived on Thursday as promised. Thanks, Sam!");
        accept("tomas", handedOver);

        long optical = ask("maria", 11.1, "speakers", "room-5 tv",
                "Can I use the Room 5 as a TV speaker over optical?", """
                I'd like to use my Room 5 with the TV instead of buying a soundbar. It has an optical input at the \
                back. Is there a lip-sync delay, and does the TV remote's volume control work?""");
        after(5);
        long tvSetup = answer("jonas", optical, """
                I've used mine with an LG TV over optical for half a year:

                - **Delay:** none I can notice, as long as the Room 5 isn't in a multi-room group. In a group the \
                speaker waits about 70 ms to stay in sync, and then lips are visibly off.
                - **Volume:** the TV remote doesn't control it over optical by itself. Under app → speaker → \
                *TV remote* the Room 5 can learn the remote's volume buttons.
                - Set the TV's audio output to **PCM**, not *Auto* or *Bitstream*, or you may get silence with \
                Dolby content.""");
        up(optical, "jonas", "tomas", "olga");
        up(tvSetup, "maria", "tomas", "kenji", "priya");
        after(20);
        comment("maria", tvSetup, "The PCM tip saved my evening, Netflix was silent before. Thanks!");

        long codecs = ask("kenji", 9.3, "headphones", "bluetooth northwind-one codecs",
                "Does the Northwind One support aptX or LDAC?", """
                My Android phone supports LDAC and aptX HD. Which codecs does the Northwind One use, and how can I \
                see which one is active?""");
        after(2);
        long developerOptions = answer("olga", codecs, """
                My Galaxy shows *aptX Adaptive* under Developer options → Bluetooth audio codec, so that one at \
                least. I don't think it does LDAC.""");
        after(6);
        long codecTable = answer(STAFF, codecs, """
                The Northwind One supports **SBC, AAC and aptX Adaptive**. It does not support LDAC.

                | Phone | Codec used |
                |-------|------------|
                | iPhone | AAC |
                | Android with aptX Adaptive (most Snapdragon phones) | aptX Adaptive |
                | Other Android phones | AAC or SBC |

                To see the active codec on Android, switch on Developer options and look under **Settings → System \
                → Developer options → Bluetooth audio codec**. From app 3.8 on, the Northwind app shows it too, \
                under **Settings → Connections**.""");
        verify(codecTable, "");
        up(codecs, "maria", "olga", "tomas", "jonas", "priya", "aisha");
        up(developerOptions, "kenji", "jonas");
        up(codecTable, "kenji", "olga", "maria", "tomas", "aisha");

        long macbook = ask("aisha", 7.2, "headphones", "bluetooth northwind-one",
                "Headphones disconnect from my MacBook every few minutes", """
                My Northwind One loses the connection to my MacBook Air (macOS Sonoma) every few minutes, then \
                comes back on its own. My phone is paired as well. Any idea what's going on?""");
        after(1.2);
        comment(STAFF, macbook, "This is the multipoint issue that firmware 4.2 fixes; the linked question has the steps.");
        close(macbook, dropouts);
        ago(8.1);
        comment("olga", multipoint, "Updated to 4.3 yesterday: no more drops on my Mac either.");

        long hiss = ask("olga", 5.1, "speakers", "room-5 firmware",
                "Room 5 makes a faint hiss when nothing is playing", """
                In a quiet room I can hear a faint hiss from my Room 5 when nothing is playing, from about a metre \
                away. It stops after a minute or two of silence and comes back as soon as I play something again.

                Is this normal for the amplifier, or should I send the speaker in?""");
        after(3);
        comment(STAFF, hiss, "Thanks for reporting, Olga. Which firmware is it on, and do you hear it over Wi-Fi, "
                + "Bluetooth or the optical input?");
        after(5);
        comment("olga", hiss, "Firmware 2.6.1, playing over Wi-Fi. With the optical input it's completely silent.");
        up(hiss, "jonas", "maria");

        long presets = ask("jonas", 4.2, "app", "app eq",
                "Can custom EQ presets sync between my phone and my tablet?", """
                I made a few custom EQ presets in the app on my phone. When I open the app on my tablet they're not \
                there, only the built-in ones.

                Is there a way to sync them (a Northwind account, export and import), or do I have to set every \
                band again by hand?""");
        after(6);
        up(presets, "maria", "kenji", "priya", "aisha");

        long address = ask("priya", 2.3, "orders", "shipping",
                "Can I change the delivery address after ordering?", """
                I ordered a Room 5 an hour ago and just realised it's going to my old address. The order \
                confirmation says "Processing". Can I still change the address myself, or does support have to do it?""");
        after(1);
        up(address, "tomas");

        long earTips = ask("tomas", 1.4, "headphones", "northwind-buds",
                "Which Northwind Buds ear tip size stays in while running?", """
                The Buds sound great, but with the medium tips the right one works loose after about 3 km of \
                running. Should I go up a size, or are there tips with wings?""");
        after(2);
        long fitTest = answer("aisha", earTips, """
                I had the same. Two things helped:

                - Go **one size up on the loose side only**; many people's ears differ a little in size.
                - After putting a bud in, twist it slightly backwards so the fin locks behind the ridge of your ear.

                The Buds come with XS, S, M and L tips, and the app's **Fit test** (Settings → Ear tip fit) tells \
                you whether each side seals.""");
        up(earTips, "aisha", "kenji");
        up(fitTest, "tomas", "priya", "maria");
        after(20);
        comment("tomas", fitTest, "Large on the right, medium on the left, and the fit test passes now. "
                + "10 km this morning without touching them.");
        accept("tomas", fitTest);

        long crackle = ask("maria", 0.45, "headphones", "northwind-one warranty",
                "Left ear cup crackles at high volume after a drop", """
                I dropped my Northwind One on a tiled floor yesterday. Since then the left side crackles at high \
                volume, mostly with bass-heavy music. At low volume it sounds fine.

                - Firmware 4.3.0
                - No visible damage except a small scratch on the headband

                Is there anything I can check myself, and would a repair after a drop be covered?""");
        after(2);
        up(crackle, "olga", "priya");

        long wearDetection = ask("kenji", 0.12, "app", "app northwind-one",
                "Auto-pause doesn't work any more when I take the headphones off", """
                *Wear detection* is switched on in the app, but the music keeps playing when I take my Northwind One \
                off. It used to work. What I tried so far:

                1. Switched *Wear detection* off and on again
                2. Restarted the phone
                3. Cleaned the sensor inside the left ear cup

                Anything else I can try before contacting support?""");
        after(1);
        up(wearDetection, "aisha");

        countViews();
    }

    /** Posts a question the given number of days ago; the following steps are timed from then. */
    private long ask(String who, double daysAgo, String category, String tags, String title, String body) {
        asked = now.minus(minutes(daysAgo * 24));
        set(asked);
        long id = at.posting().ask(member(who), new PostingService.AskForm(title, body, tags, category));
        ages.put(id, daysAgo);
        return id;
    }

    private long answer(String who, long questionId, String body) {
        return at.posting().answer(member(who), questionId, body);
    }

    private void comment(String who, long postId, String text) {
        at.posting().comment(member(who), postId, text);
    }

    private void up(long postId, String... voters) {
        for (String voter : voters) {
            at.votesAndMarks().vote(member(voter), postId, 1);
        }
    }

    private void down(long postId, String... voters) {
        for (String voter : voters) {
            at.votesAndMarks().vote(member(voter), postId, -1);
        }
    }

    private void accept(String asker, long answerId) {
        at.votesAndMarks().accept(member(asker), answerId);
    }

    private void verify(long answerId, String note) {
        at.votesAndMarks().verify(member(STAFF), answerId, note);
    }

    private void close(long questionId, long originalId) {
        at.curation().close(member(STAFF), questionId, "", String.valueOf(originalId));
    }

    private void edit(String who, long answerId, String body, String reason) {
        at.curation().edit(member(who), answerId, new CurationService.EditForm(null, body, null, reason));
    }

    private void edit(String who, long questionId, String title, String tags, String body, String reason) {
        at.curation().edit(member(who), questionId, new CurationService.EditForm(title, body, tags, reason));
    }

    /** Moves the clock to the given number of hours after the last question was asked. */
    private void after(double hours) {
        set(asked.plus(minutes(hours)));
    }

    /** Moves the clock to the given number of days before now. */
    private void ago(double days) {
        set(now.minus(minutes(days * 24)));
    }

    private void set(Instant instant) {
        if (instant.isAfter(now)) {
            throw new IllegalStateException("A demo step is timed in the future: " + instant);
        }
        clock.set(instant);
    }

    /** Some readers for every question, more for older ones, through the real counter. */
    private void countViews() {
        try (ViewCounter views = new ViewCounter(at.database().dsl(), Duration.ofHours(1))) {
            ages.forEach((id, days) -> {
                long readers = 4 + Math.round(days * 9) + id % 7;
                for (int reader = 0; reader < readers; reader++) {
                    views.viewed(id, "demo-reader-" + reader);
                }
            });
        }
    }

    /** The member as they stand now: reputation and Helper status change as the demo goes on. */
    private Member member(String username) {
        Member member = members.get(username);
        if (member == null) {
            throw new IllegalArgumentException("No demo member " + username);
        }
        return at.accountStore().findById(member.id()).orElseThrow();
    }

    private static Duration minutes(double hours) {
        return Duration.ofMinutes(Math.round(hours * 60));
    }
}
