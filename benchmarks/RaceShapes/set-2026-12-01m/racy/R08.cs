namespace Parking.Occupancy;

public interface ILoopDetector
{
    /// <summary>Blocks until a vehicle crosses the loop; returns +1 for entry, -1 for exit, 0 when shut down.</summary>
    int WaitForCrossing();
}

/// <summary>
/// Occupancy counter for one level of the garage. Each level's detector is serviced on
/// its own pool thread; the lobby sign shows the garage total.
/// </summary>
public sealed class LevelCounter
{
    private static int s_garageOccupied;

    private readonly object _sync = new();
    private readonly int _capacity;
    private int _occupied;

    public LevelCounter(string name, int capacity)
    {
        Name = name;
        _capacity = capacity;
    }

    public string Name { get; }

    public static int GarageOccupied => Volatile.Read(ref s_garageOccupied);

    public int FreeSpaces
    {
        get
        {
            lock (_sync)
            {
                return Math.Max(0, _capacity - _occupied);
            }
        }
    }

    public void VehicleEntered()
    {
        lock (_sync)
        {
            _occupied++;
            s_garageOccupied++;
        }
    }

    public void VehicleLeft()
    {
        lock (_sync)
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

public static class GarageSensors
{
    public static void Start(IReadOnlyList<(LevelCounter Level, ILoopDetector Detector)> levels)
    {
        foreach (var (level, detector) in levels)
        {
            ThreadPool.QueueUserWorkItem(_ =>
            {
                int crossing;
                while ((crossing = detector.WaitForCrossing()) != 0)
                {
                    if (crossing > 0)
                    {
                        level.VehicleEntered();
                    }
                    else
                    {
                        level.VehicleLeft();
                    }
                }
            });
        }
    }
}
