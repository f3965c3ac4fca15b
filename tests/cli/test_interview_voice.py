"""Answers spoken into the microphone (`interview evaluate --record`): recorded to WAV, transcribed, scored.

This machine has no audio device, so the recording tests stand a scripted input stream in for sounddevice's;
the WAV writing, the transcription request to a local server and the scoring are the real code.
"""

from __future__ import annotations

import sys
import wave
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "llm"))
from fake_llm_server import FakeLLMServer, Reply, chat
from fake_sounddevice import fake_sounddevice
from test_interview_cli import LLM_EVALUATION, STRONG, llm_server, online  # noqa: F401  (fixtures)

from careercopilot.errors import BadInput
from careercopilot.voice import SAMPLE_RATE, record_wav


def test_a_recording_is_a_wav_of_the_asked_length(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", fake_sounddevice())
    path = record_wav(tmp_path / "answer.wav", 2.5)
    with wave.open(str(path), "rb") as audio:
        assert (audio.getnchannels(), audio.getsampwidth(), audio.getframerate()) == (1, 2, SAMPLE_RATE)
        assert audio.getnframes() == 2.5 * SAMPLE_RATE


def test_no_device_or_no_library_is_one_clear_sentence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", fake_sounddevice(fail="Error querying device -1"))
    with pytest.raises(BadInput, match=r"No microphone could be opened .*--audio"):
        record_wav(tmp_path / "answer.wav", 3)
    assert not (tmp_path / "answer.wav").exists()  # nothing half-written is left behind
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # import fails, as without the voice extra
    with pytest.raises(BadInput, match=r"voice extra .*careercopilot\[voice\]"):
        record_wav(tmp_path / "answer.wav", 3)
    with pytest.raises(BadInput, match="1 to 600 seconds"):
        record_wav(tmp_path / "answer.wav", 0)


def test_a_recorded_answer_is_transcribed_and_scored(online: FakeLLMServer, signed_in,  # noqa: F811
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", fake_sounddevice())
    online.script("audio/transcriptions", Reply(body={"text": STRONG}))
    online.script("chat/completions", chat(LLM_EVALUATION))
    result = signed_in("interview", "evaluate", "-q", "beh-04", "--record", "3", "--json")
    assert result.exit_code == 0, result.output
    assert '"score": 5' in result.stdout and "speak now" in result.stderr
    upload = online.seen("audio/transcriptions")[0].body
    assert b"RIFF" in upload and b"WAVE" in upload  # the recording itself went to the endpoint


def test_recording_says_first_when_nothing_could_transcribe_it(signed_in, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", fake_sounddevice())
    result = signed_in("interview", "evaluate", "-q", "beh-04", "--record", "3")
    assert result.exit_code == 2 and "/audio/transcriptions" in result.stderr
    assert "speak now" not in result.stderr  # nobody is asked to talk into a recording that goes nowhere


def test_at_mic_in_a_practice_session_records_for_the_time_limit_and_scores_it(
        online: FakeLLMServer, signed_in, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    fake = fake_sounddevice()
    monkeypatch.setitem(sys.modules, "sounddevice", fake)
    online.script("audio/transcriptions", Reply(body={"text": STRONG}))
    online.script("chat/completions", chat(LLM_EVALUATION))
    result = signed_in("interview", "practice", "-n", "1", "--time-limit", "4", input="@mic\n\n")
    assert result.exit_code == 0, result.output
    assert "speak now" in result.stderr and "Recording 4 s" in result.stderr  # the question's time limit
    assert "Transcript: " + STRONG[:30] in result.stdout and "done: 1 answer," in result.stdout
    upload = online.seen("audio/transcriptions")[0].body
    assert b"RIFF" in upload and b"WAVE" in upload


def test_at_mic_with_a_word_for_seconds_is_one_clear_sentence(online: FakeLLMServer, signed_in,  # noqa: F811
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", fake_sounddevice())
    result = signed_in("interview", "practice", "-n", "1", input="@mic soon\n\n")
    assert result.exit_code == 2 and "needs a number of seconds, such as '@mic 90'" in result.stderr
    assert not online.seen("audio/transcriptions")
