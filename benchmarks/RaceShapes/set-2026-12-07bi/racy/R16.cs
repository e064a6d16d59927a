namespace Blind61.MarathonTiming;

public sealed record ChipRead(string Bib, string Mat, TimeSpan GunTime);

/// <summary>Ordered finish results for one race.</summary>
public sealed class ResultsTable
{
    private readonly List<(string Bib, TimeSpan Time)> _finishers = new();

    public int Count => _finishers.Count;

    public void Load(IEnumerable<ChipRead> finishReads)
    {
        foreach (var read in finishReads.OrderBy(r => r.GunTime))
            _finishers.Add((read.Bib, read.GunTime));
    }

    public IReadOnlyList<(string Bib, TimeSpan Time)> Top(int n) => _finishers.Take(n).ToList();

    public int? PositionOf(string bib)
    {
        var idx = _finishers.FindIndex(f => f.Bib == bib);
        return idx < 0 ? null : idx + 1;
    }
}

/// <summary>
/// Holds the currently published results table. Rebuilt by the timing import every time a
/// batch of finish-mat reads is uploaded; read by the public results page and the text
/// message service on their own threads.
/// </summary>
public sealed class ResultsPublisher
{
    private readonly object _importLock = new();
    private readonly List<ChipRead> _allFinishReads = new();
    private volatile ResultsTable _current = new();

    public ResultsTable Current => _current;

    public void Import(IReadOnlyCollection<ChipRead> batch)
    {
        lock (_importLock)
        {
            _allFinishReads.AddRange(batch.Where(r => r.Mat == "finish"));
            var table = new ResultsTable();
            _current = table;
            table.Load(_allFinishReads);
        }
    }
}

/// <summary>Texts runners their position once they cross the line.</summary>
public sealed class FinisherTextService
{
    private readonly ResultsPublisher _publisher;
    private readonly Func<string, string, Task> _sendSms;

    public FinisherTextService(ResultsPublisher publisher, Func<string, string, Task> sendSms)
    {
        _publisher = publisher;
        _sendSms = sendSms;
    }

    public async Task NotifyAsync(string bib, string phone)
    {
        var table = _publisher.Current;
        var position = table.PositionOf(bib);
        if (position is null)
            return;
        await _sendSms(phone, $"Well done! Provisional position {position} of {table.Count}.");
    }
}
