#!/usr/bin/env python3
"""Builds behov's Swedish lexicon (sv.aff, sv.dic here) from the Swedish hunspell dictionary.

Source: Debian's `hunspell-sv` package (LibreOffice's sv_SE dictionary by Göran Andersson,
LGPL-3, see COPYING beside this file):

    cd /tmp && apt-get download hunspell-sv && dpkg-deb -x hunspell-sv_*.deb hunspell-sv
    python3 src/search/lexicon/build.py /tmp/hunspell-sv/usr/share/hunspell

What is kept: the suffix rules (SFX) and, from the word list, every entry made of letters
only, lowercased, with the flags of entries that lowercase to the same word merged. Entries
marked FORBIDDENWORD are dropped. The word list is front-coded (each line: how many leading
characters it shares with the line before, then the rest), which halves its size.
"""
import os
import sys

src = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/hunspell'
here = os.path.dirname(os.path.abspath(__file__))

aff = open(os.path.join(src, 'sv_SE.aff'), encoding='utf-8').read().splitlines()
rules = []
for line in aff:
    parts = line.split()
    if len(parts) >= 5 and parts[0] == 'SFX':
        _, flag, strip, add, cond = parts[:5]
        add, _, cont = add.partition('/')
        rules.append(f'{flag} {strip} {add} {cond} {cont or "-"}')
with open(os.path.join(here, 'sv.aff'), 'w', encoding='utf-8') as out:
    out.write('# flag strip add condition continuation (0 = nothing, - = none); from sv_SE.aff\n')
    out.write('\n'.join(rules) + '\n')

entries = {}
lines = open(os.path.join(src, 'sv_SE.dic'), encoding='utf-8').read().splitlines()[1:]
for line in lines:
    word, _, flags = line.strip().partition('/')
    if not word or not word.isalpha() or '%' in flags:
        continue
    word = word.lower()
    entries.setdefault(word, set()).update(flags)

previous = ''
with open(os.path.join(here, 'sv.dic'), 'w', encoding='utf-8') as out:
    for word in sorted(entries):
        shared = 0
        while shared < min(len(word), len(previous), 9) and word[shared] == previous[shared]:
            shared += 1
        flags = ''.join(sorted(entries[word]))
        out.write(f'{shared}{word[shared:]}{"/" + flags if flags else ""}\n')
        previous = word
print(len(rules), 'rules,', len(entries), 'words')
