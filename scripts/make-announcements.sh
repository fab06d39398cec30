#!/usr/bin/env bash
# Regenerates the example announcements announcements/<lang>/<name>.wav (R2: A-law, 8000 Hz, 8-bit, mono).
# Needs the Debian packages espeak-ng and sox (apt-get install espeak-ng sox). Idempotent: espeak-ng is
# deterministic and sox runs with dithering off (-D) and a fixed seed (-R), so a re-run rewrites the same bytes.
# Check the result with: vms announcement check announcements/*/*.wav
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="$root/announcements"
for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "make-announcements: $tool is missing (apt-get install $tool)" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# say VOICE TEXT OUT: speak one text into a 16-bit WAV at the voice's own rate, leading/trailing silence cut.
say() {
  espeak-ng -v "$1" -s 180 -w "$work/raw.wav" "$2"
  sox -R -D "$work/raw.wav" "$3" silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
}

# to_announcement IN OUT: A-law, 8000 Hz, 8-bit, mono, with a short tail so the last word is not clipped.
to_announcement() {
  sox -R -D "$1" -r 8000 -c 1 -e a-law -b 8 "$2" pad 0 0.15
}

# The bilingual language menu is the same in every folder: French part, then Dutch part.
say fr "Pour le français, tapez 1." "$work/menu-fr.wav"
say nl "Voor Nederlands, druk 2." "$work/menu-nl.wav"
sox -R -D "$work/menu-fr.wav" "$work/menu-nl.wav" "$work/choose-language.wav"

while IFS='|' read -r lang name text; do
  [[ -z "$lang" || "$lang" == \#* ]] && continue
  mkdir -p "$out_dir/$lang"
  say "$lang" "$text" "$work/$lang-$name.wav"
  to_announcement "$work/$lang-$name.wav" "$out_dir/$lang/$name.wav"
done <<'TEXTS'
# lang|name|text
en|closed|We are closed today.
en|invalid-choice|Invalid choice. Please try again.
en|queue-welcome|Please hold. You will be connected shortly.
en|queue-first|You are next in line.
en|queue-periodic|Thank you for waiting. Please stay on the line.
en|queue-position|Your position in the queue is
en|vip-only|This service is reserved for registered callers.
en|digit-0|zero
en|digit-1|one
en|digit-2|two
en|digit-3|three
en|digit-4|four
en|digit-5|five
en|digit-6|six
en|digit-7|seven
en|digit-8|eight
en|digit-9|nine
de|closed|Wir haben heute geschlossen.
de|invalid-choice|Ungültige Auswahl. Bitte versuchen Sie es erneut.
de|queue-welcome|Bitte warten Sie. Sie werden gleich verbunden.
de|queue-first|Sie sind als Nächster an der Reihe.
de|queue-periodic|Danke für Ihre Geduld. Bitte bleiben Sie dran.
de|queue-position|Ihre Position in der Warteschlange ist
de|vip-only|Dieser Dienst ist registrierten Anrufern vorbehalten.
de|digit-0|null
de|digit-1|eins
de|digit-2|zwei
de|digit-3|drei
de|digit-4|vier
de|digit-5|fünf
de|digit-6|sechs
de|digit-7|sieben
de|digit-8|acht
de|digit-9|neun
nl|closed|Wij zijn vandaag gesloten.
nl|invalid-choice|Ongeldige keuze. Probeer het opnieuw.
nl|queue-welcome|Een ogenblik geduld. U wordt zo doorverbonden.
nl|queue-first|U bent de volgende.
nl|queue-periodic|Bedankt voor uw geduld. Blijf aan de lijn.
nl|queue-position|Uw plaats in de wachtrij is
nl|vip-only|Deze dienst is voorbehouden aan geregistreerde bellers.
nl|digit-0|nul
nl|digit-1|een
nl|digit-2|twee
nl|digit-3|drie
nl|digit-4|vier
nl|digit-5|vijf
nl|digit-6|zes
nl|digit-7|zeven
nl|digit-8|acht
nl|digit-9|negen
fr|closed|Nous sommes fermés aujourd'hui.
fr|invalid-choice|Choix non valide. Veuillez réessayer.
fr|queue-welcome|Veuillez patienter. Nous allons vous mettre en relation.
fr|queue-first|Vous êtes le prochain.
fr|queue-periodic|Merci de votre patience. Restez en ligne.
fr|queue-position|Votre position dans la file d'attente est
fr|vip-only|Ce service est réservé aux appelants enregistrés.
fr|digit-0|zéro
fr|digit-1|un
fr|digit-2|deux
fr|digit-3|trois
fr|digit-4|quatre
fr|digit-5|cinq
fr|digit-6|six
fr|digit-7|sept
fr|digit-8|huit
fr|digit-9|neuf
TEXTS

# Queue music (no words, the same file in every folder): a 3.6 s loop of soft notes, C E G E C G E G,
# each 0.45 s with short fades so the loop has no clicks.
notes=()
for hz in 523 659 784 659 523 784 659 784; do
  sox -R -D -n -r 8000 -c 1 -b 16 "$work/note-$hz-${#notes[@]}.wav" synth 0.45 sine "$hz" vol 0.3 fade q 0.03 0.45 0.08
  notes+=("$work/note-$hz-${#notes[@]}.wav")
done
sox -R -D "${notes[@]}" -r 8000 -c 1 -e a-law -b 8 "$work/queue-music.wav"

for lang in en de nl fr; do
  to_announcement "$work/choose-language.wav" "$out_dir/$lang/choose-language.wav"
  cp "$work/queue-music.wav" "$out_dir/$lang/queue-music.wav"
done
echo "make-announcements: wrote $(find "$out_dir" -name '*.wav' | wc -l) files to $out_dir"
