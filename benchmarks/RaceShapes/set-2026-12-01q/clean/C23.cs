using System.Collections.Concurrent;

namespace Subtitles.Translation
{
    public sealed record SubtitleCue(int Index, TimeSpan Start, TimeSpan End, string Text);

    public sealed class TranslatedTrack
    {
        public TranslatedTrack(string language, List<SubtitleCue> cues)
        {
            Language = language;
            Cues = cues;
        }

        public string Language { get; }
        public List<SubtitleCue> Cues { get; }
        public int CharacterCount { get; set; }
    }

    public interface IMachineTranslator
    {
        string Translate(string text, string targetLanguage);
    }

    /// <summary>
    /// Queue of subtitle tracks awaiting machine translation. Editors enqueue
    /// jobs from the review app and await the finished track; a pool of
    /// translator threads completes them.
    /// </summary>
    public sealed class TranslationQueue : IDisposable
    {
        private sealed record Job(IReadOnlyList<SubtitleCue> Source, string Language, TaskCompletionSource<TranslatedTrack> Completion);

        private readonly BlockingCollection<Job> _jobs = new();
        private readonly IMachineTranslator _translator;
        private readonly Thread[] _workers;

        public TranslationQueue(IMachineTranslator translator, int workerCount)
        {
            _translator = translator;
            _workers = new Thread[workerCount];
            for (var i = 0; i < workerCount; i++)
            {
                _workers[i] = new Thread(Work) { IsBackground = true, Name = $"translator-{i}" };
                _workers[i].Start();
            }
        }

        public Task<TranslatedTrack> EnqueueAsync(IReadOnlyList<SubtitleCue> source, string language)
        {
            var tcs = new TaskCompletionSource<TranslatedTrack>(TaskCreationOptions.RunContinuationsAsynchronously);
            _jobs.Add(new Job(source, language, tcs));
            return tcs.Task;
        }

        private void Work()
        {
            foreach (var job in _jobs.GetConsumingEnumerable())
            {
                try
                {
                    var cues = new List<SubtitleCue>(job.Source.Count);
                    var chars = 0;
                    foreach (var cue in job.Source)
                    {
                        var text = _translator.Translate(cue.Text, job.Language);
                        chars += text.Length;
                        cues.Add(cue with { Text = text });
                    }

                    var track = new TranslatedTrack(job.Language, cues) { CharacterCount = chars };
                    job.Completion.SetResult(track);
                }
                catch (Exception ex)
                {
                    job.Completion.TrySetException(ex);
                }
            }
        }

        public void Dispose()
        {
            _jobs.CompleteAdding();
            foreach (var w in _workers)
            {
                w.Join();
            }
            _jobs.Dispose();
        }
    }

    public static class ReviewApp
    {
        public static async Task<string> TranslateAndPreviewAsync(TranslationQueue queue, IReadOnlyList<SubtitleCue> cues, string language)
        {
            var track = await queue.EnqueueAsync(cues, language).ConfigureAwait(false);
            track.Cues.RemoveAll(c => string.IsNullOrWhiteSpace(c.Text));
            track.CharacterCount = track.Cues.Sum(c => c.Text.Length);
            return string.Join(Environment.NewLine, track.Cues.Take(5).Select(c => $"{c.Start:mm\\:ss} {c.Text}"));
        }
    }
}
