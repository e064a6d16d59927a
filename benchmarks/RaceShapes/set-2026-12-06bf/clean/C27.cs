using System.Collections.Concurrent;

namespace Blind58.PubQuizMarking;

public sealed record AnswerSheet(string Team, int Round, IReadOnlyList<string> Answers);

/// <summary>
/// Marks answer sheets for the pub quiz league. Sheets arrive from the scanners in each
/// pub as messages; a pool of markers consumes them and tallies scores per team.
/// </summary>
public sealed class AnswerSheetMarker : IDisposable
{
    private readonly BlockingCollection<AnswerSheet> _inbox = new(boundedCapacity: 500);
    private readonly ConcurrentDictionary<string, int> _scores = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyDictionary<int, IReadOnlyList<string>> _answerKey;
    private readonly Task[] _markers;
    private int _sheetsMarked;

    public AnswerSheetMarker(IReadOnlyDictionary<int, IReadOnlyList<string>> answerKey, int markerCount)
    {
        _answerKey = answerKey;
        _markers = new Task[markerCount];
        for (int i = 0; i < markerCount; i++)
        {
            _markers[i] = Task.Factory.StartNew(MarkLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    public int SheetsMarked => Volatile.Read(ref _sheetsMarked);

    /// <summary>Called by the message consumer for each scanned sheet.</summary>
    public bool Submit(AnswerSheet sheet, TimeSpan timeout) => _inbox.TryAdd(sheet, timeout);

    private void MarkLoop()
    {
        foreach (var sheet in _inbox.GetConsumingEnumerable())
        {
            if (!_answerKey.TryGetValue(sheet.Round, out var key)) continue;

            int points = 0;
            for (int q = 0; q < Math.Min(key.Count, sheet.Answers.Count); q++)
            {
                if (string.Equals(Normalise(sheet.Answers[q]), Normalise(key[q]), StringComparison.OrdinalIgnoreCase))
                {
                    points++;
                }
            }

            _scores.AddOrUpdate(sheet.Team, points, (_, existing) => existing + points);
            Interlocked.Increment(ref _sheetsMarked);
        }
    }

    private static string Normalise(string answer) =>
        new string(answer.Where(char.IsLetterOrDigit).ToArray());

    public IReadOnlyList<(string Team, int Score)> Standings() =>
        _scores.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => (p.Key, p.Value)).ToList();

    /// <summary>Stops accepting sheets and waits for the markers to finish the backlog.</summary>
    public async Task CompleteAsync()
    {
        _inbox.CompleteAdding();
        await Task.WhenAll(_markers).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (!_inbox.IsAddingCompleted)
        {
            _inbox.CompleteAdding();
        }

        Task.WaitAll(_markers);
        _inbox.Dispose();
    }
}
