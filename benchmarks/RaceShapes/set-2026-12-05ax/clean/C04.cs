namespace Blind50.SaltWorks.Settings;

/// <summary>Evaporation pan settings. Instances are never modified after they are built.</summary>
public sealed class PanSettings
{
    public PanSettings(double maxBrineDepthCm, double harvestSalinity, IReadOnlyList<string> activePans)
    {
        MaxBrineDepthCm = maxBrineDepthCm;
        HarvestSalinity = harvestSalinity;
        ActivePans = activePans.ToArray();
    }

    public double MaxBrineDepthCm { get; }
    public double HarvestSalinity { get; }
    public IReadOnlyList<string> ActivePans { get; }
}

/// <summary>
/// Current pan settings for the salt works, reloaded when the settings file changes.
/// Singleton; <see cref="Current"/> is read by every sensor-processing request and
/// <see cref="Reload"/> runs on the file watcher's thread.
/// </summary>
public sealed class PanSettingsMonitor
{
    private readonly object _reloadLock = new();
    private PanSettings _current;
    private CancellationTokenSource _changeSource = new();

    public PanSettingsMonitor(PanSettings initial)
    {
        _current = initial;
    }

    public PanSettings Current => Volatile.Read(ref _current);

    /// <summary>A token that is cancelled the next time the settings change.</summary>
    public CancellationToken GetChangeToken()
    {
        lock (_reloadLock)
        {
            return _changeSource.Token;
        }
    }

    public void Reload(PanSettings next)
    {
        CancellationTokenSource previous;
        lock (_reloadLock)
        {
            Volatile.Write(ref _current, next);
            previous = _changeSource;
            _changeSource = new CancellationTokenSource();
        }

        previous.Cancel();
    }
}

/// <summary>Decides whether a pan is ready to be raked.</summary>
public sealed class HarvestReadinessService
{
    private readonly PanSettingsMonitor _monitor;

    public HarvestReadinessService(PanSettingsMonitor monitor) => _monitor = monitor;

    public string Evaluate(string pan, double depthCm, double salinity)
    {
        var settings = _monitor.Current;
        if (!settings.ActivePans.Contains(pan))
        {
            return $"{pan} is not in use this season";
        }

        if (depthCm > settings.MaxBrineDepthCm)
        {
            return $"{pan} is too deep ({depthCm:F1} cm)";
        }

        return salinity >= settings.HarvestSalinity ? $"{pan} ready to rake" : $"{pan} still evaporating";
    }
}

/// <summary>Logs each settings change for the site foreman.</summary>
public sealed class SettingsChangeLogger : IDisposable
{
    private readonly PanSettingsMonitor _monitor;
    private readonly object _registrationLock = new();
    private CancellationTokenRegistration _registration;
    private bool _disposed;

    public SettingsChangeLogger(PanSettingsMonitor monitor)
    {
        _monitor = monitor;
        Subscribe();
    }

    private void Subscribe()
    {
        lock (_registrationLock)
        {
            if (_disposed)
            {
                return;
            }

            _registration = _monitor.GetChangeToken().Register(OnChanged);
        }
    }

    private void OnChanged()
    {
        var settings = _monitor.Current;
        Console.WriteLine($"Pan settings changed: {settings.ActivePans.Count} pans active, harvest at {settings.HarvestSalinity}%");
        Subscribe();
    }

    public void Dispose()
    {
        CancellationTokenRegistration registration;
        lock (_registrationLock)
        {
            _disposed = true;
            registration = _registration;
        }

        registration.Dispose();
    }
}
