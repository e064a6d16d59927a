using System.Text;

namespace CourtReporting.Stenography
{
    public sealed record StenoStroke(DateTimeOffset At, string Chord, string? Translation);

    /// <summary>
    /// Builds the realtime transcript for one hearing. The steno writer's
    /// driver feeds strokes from its read thread; when the hearing is
    /// adjourned the cancellation callback seals the transcript.
    /// </summary>
    public sealed class RealtimeTranscriptSession : IDisposable
    {
        private readonly object _sync = new();
        private readonly StringBuilder _text = new();
        private readonly List<string> _untranslated = new();
        private readonly CancellationTokenRegistration _registration;
        private readonly TaskCompletionSource<string> _sealed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _isSealed;
        private int _strokeCount;

        public RealtimeTranscriptSession(string caseNumber, CancellationToken adjourned)
        {
            CaseNumber = caseNumber;
            _text.AppendLine($"IN THE MATTER OF {caseNumber}");
            _registration = adjourned.Register(Seal);
        }

        public string CaseNumber { get; }

        public Task<string> SealedTranscript => _sealed.Task;

        public bool OnStroke(StenoStroke stroke)
        {
            lock (_sync)
            {
                if (_isSealed)
                {
                    return false;
                }

                _strokeCount++;
                if (stroke.Translation is null)
                {
                    _untranslated.Add(stroke.Chord);
                    _text.Append('[').Append(stroke.Chord).Append("] ");
                }
                else
                {
                    _text.Append(stroke.Translation).Append(' ');
                }
                return true;
            }
        }

        public string Preview(int lastChars)
        {
            lock (_sync)
            {
                var start = Math.Max(0, _text.Length - lastChars);
                return _text.ToString(start, _text.Length - start);
            }
        }

        private void Seal()
        {
            string transcript;
            lock (_sync)
            {
                if (_isSealed)
                {
                    return;
                }

                _isSealed = true;
                _text.AppendLine();
                _text.AppendLine($"({_strokeCount} strokes, {_untranslated.Count} untranslated)");
                transcript = _text.ToString();
            }

            _sealed.TrySetResult(transcript);
        }

        public void Dispose()
        {
            _registration.Dispose();
            Seal();
        }
    }

    /// <summary>
    /// Reads strokes from the steno machine's serial driver.
    /// </summary>
    public static class StenoMachineReader
    {
        public static Task PumpAsync(RealtimeTranscriptSession session, Func<StenoStroke?> readStroke, CancellationToken adjourned)
        {
            return Task.Factory.StartNew(() =>
            {
                while (!adjourned.IsCancellationRequested)
                {
                    var stroke = readStroke();
                    if (stroke is null || !session.OnStroke(stroke))
                    {
                        break;
                    }
                }
            }, adjourned, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }
}
