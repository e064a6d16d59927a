namespace Blind60.RiverFerry.Crossings;

public sealed class Crossing
{
    public Crossing(int id, string fromBank, int passengers)
    {
        Id = id;
        FromBank = fromBank;
        Passengers = passengers;
    }

    public int Id { get; }
    public string FromBank { get; }
    public int Passengers { get; }
    public bool Aborted { get; set; }
}

/// <summary>
/// Tracks ferry crossings in progress. When the river authority closes the crossing
/// (high water, fog) the shared shutdown token is cancelled and every in-flight crossing
/// is dropped from the board.
/// </summary>
public sealed class CrossingBoard
{
    private readonly object _gate = new();
    private readonly Dictionary<int, Crossing> _inFlight = new();
    private readonly CancellationToken _closure;
    private int _nextId;

    public CrossingBoard(CancellationToken closure) => _closure = closure;

    public Crossing Depart(string fromBank, int passengers)
    {
        Crossing crossing;
        lock (_gate)
        {
            crossing = new Crossing(++_nextId, fromBank, passengers);
            _inFlight.Add(crossing.Id, crossing);
        }

        _closure.Register(static state =>
        {
            var (board, c) = ((CrossingBoard, Crossing))state!;
            c.Aborted = true;
            board._inFlight.Remove(c.Id);
        }, (this, crossing));

        return crossing;
    }

    public void Arrive(int crossingId)
    {
        lock (_gate)
        {
            _inFlight.Remove(crossingId);
        }
    }

    public int PassengersOnWater()
    {
        lock (_gate)
        {
            return _inFlight.Values.Sum(c => c.Passengers);
        }
    }
}

public static class FerryShift
{
    /// <summary>Runs a shift of crossings from both banks until the authority closes the river.</summary>
    public static Task RunAsync(CrossingBoard board, CancellationToken closure)
    {
        Task Bank(string name) => Task.Run(async () =>
        {
            while (!closure.IsCancellationRequested)
            {
                var c = board.Depart(name, Random.Shared.Next(1, 12));
                try
                {
                    await Task.Delay(200, closure);
                    board.Arrive(c.Id);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });

        return Task.WhenAll(Bank("north"), Bank("south"));
    }
}
