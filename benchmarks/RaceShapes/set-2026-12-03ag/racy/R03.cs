namespace Fairground.Wheel;

/// <summary>
/// Occupancy board for the big wheel. The boarding kiosks call <see cref="Board"/>
/// and the operator console calls <see cref="Unload"/>; each runs on its own
/// connection thread.
/// </summary>
public sealed class GondolaBoard
{
    public const int MaxPerGondola = 6;

    private readonly object _boardingLock = new();
    private readonly object _consoleLock = new();
    private readonly int[] _riders;
    private int _totalRiders;

    public GondolaBoard(int gondolaCount)
    {
        _riders = new int[gondolaCount];
    }

    public int GondolaCount => _riders.Length;

    public bool Board(int gondola, int party)
    {
        if (party <= 0 || party > MaxPerGondola)
        {
            return false;
        }

        lock (_boardingLock)
        {
            if (_riders[gondola] + party > MaxPerGondola)
            {
                return false;
            }

            _riders[gondola] += party;
            _totalRiders += party;
            return true;
        }
    }

    /// <summary>Empties a gondola when it reaches the platform.</summary>
    public int Unload(int gondola)
    {
        lock (_consoleLock)
        {
            int leaving = _riders[gondola];
            _riders[gondola] = 0;
            _totalRiders -= leaving;
            return leaving;
        }
    }

    public int TotalRiders
    {
        get { lock (_boardingLock) { return _totalRiders; } }
    }
}

public sealed class OperatorConsole
{
    private readonly GondolaBoard _board;

    public OperatorConsole(GondolaBoard board) => _board = board;

    /// <summary>Unloads the gondola that has just reached the platform.</summary>
    public Task<int> ArrivedAsync(int platformGondola, CancellationToken ct) => Task.Run(() =>
    {
        ct.ThrowIfCancellationRequested();
        return _board.Unload(platformGondola % _board.GondolaCount);
    }, ct);
}
