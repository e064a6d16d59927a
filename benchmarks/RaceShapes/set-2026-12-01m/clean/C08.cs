namespace Parking.Levels;

/// <summary>
/// Occupancy for one garage level. Levels are updated from their own sensor threads; the
/// garage-wide total is kept alongside under one shared lock.
/// </summary>
public sealed class ParkingLevel
{
    private static readonly object s_garageLock = new();
    private static int s_garageOccupied;

    private readonly int _capacity;
    private int _occupied;

    public ParkingLevel(string name, int capacity)
    {
        Name = name;
        _capacity = capacity;
    }

    public string Name { get; }

    public static int GarageOccupied
    {
        get
        {
            lock (s_garageLock)
            {
                return s_garageOccupied;
            }
        }
    }

    public int FreeSpaces
    {
        get
        {
            lock (s_garageLock)
            {
                return Math.Max(0, _capacity - _occupied);
            }
        }
    }

    public bool TryEnter()
    {
        lock (s_garageLock)
        {
            if (_occupied >= _capacity)
            {
                return false;
            }

            _occupied++;
            s_garageOccupied++;
            return true;
        }
    }

    public void Leave()
    {
        lock (s_garageLock)
        {
            if (_occupied == 0)
            {
                return;
            }

            _occupied--;
            s_garageOccupied--;
        }
    }
}

public static class LevelSensors
{
    public static Task RunAsync(IEnumerable<(ParkingLevel Level, Func<CancellationToken, Task<int>> NextCrossing)> levels, CancellationToken token)
    {
        return Task.WhenAll(levels.Select(l => Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                var crossing = await l.NextCrossing(token).ConfigureAwait(false);
                if (crossing > 0)
                {
                    l.Level.TryEnter();
                }
                else if (crossing < 0)
                {
                    l.Level.Leave();
                }
            }
        }, token)));
    }
}
