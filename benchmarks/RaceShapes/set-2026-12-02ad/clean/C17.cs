using System.Collections.Concurrent;

namespace Blind30.FerryTicketing;

public sealed record BoardingPass(string Reference, string Passenger, string Sailing, string Deck);

/// <summary>
/// Prints boarding passes at the ferry terminal. Check-in desks add passes; a single
/// printer thread drives the printer and keeps a tally that is reported at shutdown.
/// </summary>
public sealed class BoardingPassSpooler
{
    private readonly BlockingCollection<BoardingPass> _queue = new(boundedCapacity: 200);
    private readonly Action<string> _printLine;
    private readonly Thread _printerThread;
    private int _printed;
    private int _reprints;

    public BoardingPassSpooler(Action<string> printLine)
    {
        _printLine = printLine;
        _printerThread = new Thread(PrintLoop) { IsBackground = true, Name = "pass-printer" };
        _printerThread.Start();
    }

    /// <summary>Called by any check-in desk.</summary>
    public bool Submit(BoardingPass pass, TimeSpan timeout) => _queue.TryAdd(pass, timeout);

    /// <summary>Stops accepting passes, prints what is queued and returns the totals.</summary>
    public (int Printed, int Reprints) Shutdown()
    {
        _queue.CompleteAdding();
        _printerThread.Join();
        return (_printed, _reprints);
    }

    private void PrintLoop()
    {
        var seen = new HashSet<string>();
        foreach (var pass in _queue.GetConsumingEnumerable())
        {
            _printLine($"== {pass.Sailing} ==");
            _printLine($"{pass.Passenger}  deck {pass.Deck}");
            _printLine($"ref {pass.Reference}");
            _printed++;

            if (!seen.Add(pass.Reference))
            {
                _reprints++;
            }
        }
    }
}

/// <summary>A check-in desk handling one queue of foot passengers.</summary>
public sealed class CheckInDesk
{
    private readonly string _desk;
    private readonly BoardingPassSpooler _spooler;

    public CheckInDesk(string desk, BoardingPassSpooler spooler)
    {
        _desk = desk;
        _spooler = spooler;
    }

    public Task ProcessAsync(IEnumerable<(string Reference, string Name)> bookings, string sailing) =>
        Task.Run(() =>
        {
            foreach (var (reference, name) in bookings)
            {
                var deck = reference.GetHashCode() % 2 == 0 ? "upper" : "lower";
                if (!_spooler.Submit(new BoardingPass(reference, name, sailing, deck), TimeSpan.FromSeconds(10)))
                {
                    throw new TimeoutException($"Desk {_desk}: printer queue full");
                }
            }
        });
}
