using System.Collections.Concurrent;

namespace Blind61.LibraryReturns.Sorting;

public sealed record ReturnedItem(string Barcode, string HomeBranch, bool HasHold);

public sealed record SorterReport(int Processed, IReadOnlyDictionary<string, int> ByBin);

/// <summary>
/// Drives the automated returns sorter. Items scanned at the chute are queued to the sorter,
/// which moves each one to a bin and keeps counts for the staff dashboard.
/// </summary>
public sealed class ReturnsSorter : IDisposable
{
    private abstract record Message;
    private sealed record Item(ReturnedItem Value) : Message;
    private sealed record ReportRequest(TaskCompletionSource<SorterReport> Reply) : Message;

    private readonly BlockingCollection<Message> _inbox = new(boundedCapacity: 500);
    private readonly Dictionary<string, int> _binCounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Action<string> _moveToBin;
    private readonly string _localBranch;
    private readonly Thread _thread;
    private int _processed;

    public ReturnsSorter(string localBranch, Action<string> moveToBin)
    {
        _localBranch = localBranch;
        _moveToBin = moveToBin;
        _thread = new Thread(Run) { IsBackground = true, Name = "returns-sorter" };
        _thread.Start();
    }

    /// <summary>Called by the chute scanner callback.</summary>
    public void Scanned(ReturnedItem item) => _inbox.Add(new Item(item));

    /// <summary>Called from the staff dashboard.</summary>
    public Task<SorterReport> GetReportAsync()
    {
        var tcs = new TaskCompletionSource<SorterReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.Add(new ReportRequest(tcs));
        return tcs.Task;
    }

    private void Run()
    {
        foreach (var message in _inbox.GetConsumingEnumerable())
        {
            switch (message)
            {
                case Item { Value: var item }:
                    var bin = item.HasHold ? "holds"
                        : string.Equals(item.HomeBranch, _localBranch, StringComparison.OrdinalIgnoreCase) ? "reshelve"
                        : "transit-" + item.HomeBranch;
                    _moveToBin(bin);
                    _binCounts[bin] = _binCounts.GetValueOrDefault(bin) + 1;
                    _processed++;
                    break;

                case ReportRequest { Reply: var reply }:
                    reply.TrySetResult(new SorterReport(_processed, new Dictionary<string, int>(_binCounts)));
                    break;
            }
        }
    }

    public void Dispose()
    {
        _inbox.CompleteAdding();
        _thread.Join();
        _inbox.Dispose();
    }
}
