"""Officials: named people who speak or are quoted, with their title and words.

The grammar works on the text with the lexicons of ``patterns/officials.yaml``:

1. *mentions* of people are found sentence by sentence: an honorific or a resident's role
   before a name (``Đồng chí Phan Thị Na``, ``hội viên Lý Văn Tám``, ``bà Thoa``), a
   title chain before a name (``Phó Bí thư Thường trực Tỉnh ủy Hoàng Duy Chính``), a bare
   full name opening a clause, or an honorific alone (``Ông cho biết``: the last person
   named);
2. *attributions* start at a speech verb whose subject is a mention, either next to it or
   across an appositive title (``Ông X, title, khẳng định: …``, ``Đồng chí X- title cho
   biết: …``), at ``Theo <mention>, …`` and at ``“…”, ông X nhấn mạnh.``;
3. the *quote* is the quoted text (over paragraphs if the closing mark comes later), or the
   reported words to the end of the sentence (of the paragraph after a colon);
4. mentions of one person (full name, given name, pronoun) are joined into one record: a
   pronoun stands for the last person named nearby (of its gender), a short name for the
   full name that ends with it anywhere in the article.

Precision guards (lexicons in ``patterns/officials.yaml``): a name never continues over a
breaker word (``Theo``, ``Ông``) and never starts with a rank's field or a nationality; a
lower-case role needs a family name after it; a title runs over an organisation's
lower-case words up to its comma or bracket, never over a predicate; verbs of telling need a
lead (colon, comma, quotation, ``rằng``), take their adverbs and addressee before the words,
and report nothing for a possessor, a passive agent, an interviewer's request or speech
inside another quotation.

Candidate finding is one pass (issue 24): the speech-verb alternation (``verb_re``, a
character trie built from the YAML) and ``Theo`` are run once over the article and handed out
by sentence; a sentence is read only where a verb passes the cheap checks (case, chain, idiom,
blocker, quotation) or ``Theo`` precedes a mention opener, and inside it only the tokens that
open a lexicon phrase (``starters``: the first words of honorifics, roles, ranks and title
heads) or a capitalised family name at a clause edge start the phrase matching. Joining reads
other sentences only where a reference needs them (:mod:`.persons`).

Modules: :mod:`.lexicon` (the compiled lexicons, ``compile_lexicon``), :mod:`.tokens`,
:mod:`.names`, :mod:`.titles`, :mod:`.mentions`, :mod:`.quotes`, :mod:`.attribution`,
:mod:`.persons` and :mod:`.join` (records), each importing only the ones before it.

Press constructions (issue 20): comma-joined posts before a name or an honorific
(``Ủy viên Ban Thường vụ, Trưởng ban …, Chủ tịch … <Name>``, ``Chủ tịch UBND xã, ông <Name>``);
a title's rest over unit and place segments, quoted names and years; a description between
the name and the verb (``, 68 tuổi, ở thôn …,``, ``, giáo viên Trường …,``, ``(thôn A, xã B)``,
``-- người dân thôn Y``); quotations opened with ``''`` or a misused ``”``, closed past nested
quotations; kin words as pronouns only for a person introduced with the same word
(``Chú Hà Văn Bảy … Chú kể:``); the last verb of a chain reports (``phấn khởi cho biết``).

Word segmentation is not needed: names are runs of capitalised syllables opened by a
family name, and their edges are the lexicon words (titles, bodies) around them.
"""
from __future__ import annotations

from .join import extract_officials

__all__ = ["extract_officials"]
