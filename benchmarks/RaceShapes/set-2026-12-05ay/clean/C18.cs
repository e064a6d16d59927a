using System.Collections.Concurrent;

namespace Blind51.TypewriterRepair.Bench;

public sealed record RepairTicket(int Number, string Model, string Fault, int EstimatedMinutes);

/// <summary>
/// One technician's tally for the day.
/// </summary>
public sealed class TechnicianTally
{
    public TechnicianTally(string name) => Name = name;

    public string Name { get; }
    public int Tickets { get; private set; }
    public int Minutes { get; private set; }
    public List<int> Completed { get; } = new();

    public void Add(RepairTicket ticket, int minutesTaken)
    {
        Tickets++;
        Minutes += minutesTaken;
        Completed.Add(ticket.Number);
    }
}

/// <summary>
/// Runs the repair bench for a day: the front counter adds tickets as machines come in, and
/// each technician takes the next ticket from a shared blocking queue.
/// </summary>
public sealed class RepairBench
{
    private readonly BlockingCollection<RepairTicket> _tickets = new(new ConcurrentQueue<RepairTicket>(), boundedCapacity: 50);
    private readonly List<(Thread Thread, TechnicianTally Tally)> _technicians = new();
    private readonly Func<RepairTicket, int> _repair;

    public RepairBench(IEnumerable<string> technicianNames, Func<RepairTicket, int> repair)
    {
        _repair = repair;
        foreach (var name in technicianNames)
        {
            var tally = new TechnicianTally(name);
            var thread = new Thread(() => Work(tally)) { Name = $"tech-{name}", IsBackground = true };
            _technicians.Add((thread, tally));
        }
    }

    public void Open()
    {
        foreach (var (thread, _) in _technicians) thread.Start();
    }

    /// <summary>Called by the front counter for each machine brought in.</summary>
    public void CheckIn(RepairTicket ticket) => _tickets.Add(ticket);

    /// <summary>Stops taking new machines, waits for the bench to clear and returns the tallies.</summary>
    public IReadOnlyList<string> Close()
    {
        _tickets.CompleteAdding();
        foreach (var (thread, _) in _technicians) thread.Join();

        return _technicians
            .Select(t => t.Tally)
            .OrderByDescending(t => t.Tickets)
            .Select(t => $"{t.Name}: {t.Tickets} machines, {t.Minutes} min, tickets {string.Join(",", t.Completed)}")
            .ToList();
    }

    private void Work(TechnicianTally tally)
    {
        foreach (var ticket in _tickets.GetConsumingEnumerable())
        {
            int minutes = _repair(ticket);
            tally.Add(ticket, minutes);
        }
    }
}
