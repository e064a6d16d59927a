namespace Harbor.Lighthouse.FogSignal;

public interface IVisibilitySensor
{
    double ReadVisibilityMetres();
}

public interface IFogHorn
{
    void Sound(TimeSpan blast);
}

/// <summary>
/// Sounds the fog signal in its charted character (one blast every 30 s) while
/// visibility is below the threshold. Runs on a dedicated thread for the lifetime of
/// the station controller.
/// </summary>
public sealed class FogSignalController
{
    private readonly IVisibilitySensor _sensor;
    private readonly IFogHorn _horn;
    private readonly Thread _thread;
    private readonly TimeSpan _period = TimeSpan.FromSeconds(30);
    private volatile bool _stopRequested;

    private int _blastsSounded;
    private double _lowestVisibility = double.MaxValue;

    public FogSignalController(IVisibilitySensor sensor, IFogHorn horn)
    {
        _sensor = sensor;
        _horn = horn;
        _thread = new Thread(Run) { IsBackground = true, Name = "fog-signal" };
    }

    public void Start() => _thread.Start();

    /// <summary>
    /// Stops the signal and returns a summary for the keeper's log.
    /// </summary>
    public (int Blasts, double LowestVisibility) StopAndSummarize()
    {
        _stopRequested = true;
        _thread.Join();
        return (_blastsSounded, _lowestVisibility);
    }

    private void Run()
    {
        while (!_stopRequested)
        {
            var visibility = _sensor.ReadVisibilityMetres();
            if (visibility < _lowestVisibility)
            {
                _lowestVisibility = visibility;
            }

            if (visibility < 3700)
            {
                _horn.Sound(TimeSpan.FromSeconds(2));
                _blastsSounded++;
            }

            var waitUntil = DateTime.UtcNow + _period;
            while (!_stopRequested && DateTime.UtcNow < waitUntil)
            {
                Thread.Sleep(250);
            }
        }
    }
}

public sealed class KeeperWatch
{
    public static string EndWatch(FogSignalController controller)
    {
        var (blasts, lowest) = controller.StopAndSummarize();
        return blasts == 0
            ? "Clear watch, no fog signal."
            : $"Fog signal sounded {blasts} times; visibility fell to {lowest:F0} m.";
    }
}
