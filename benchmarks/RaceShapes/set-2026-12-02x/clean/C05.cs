namespace Blind24.DomeProjection;

/// <summary>Edge-blending and colour settings for the dome's projector array.</summary>
public sealed class BlendProfile
{
    public BlendProfile(string name, IReadOnlyList<double> edgeGamma, double brightness, int revision)
    {
        Name = name;
        EdgeGamma = edgeGamma.ToArray();
        Brightness = brightness;
        Revision = revision;
    }

    public string Name { get; }
    public IReadOnlyList<double> EdgeGamma { get; }
    public double Brightness { get; }
    public int Revision { get; }
}

/// <summary>
/// Holds the active blend profile. The render threads (one per projector) read it
/// every frame; the calibration tool swaps in a new profile when the technician
/// saves.
/// </summary>
public sealed class BlendProfileProvider
{
    private BlendProfile _active;
    private readonly object _saveLock = new();

    public BlendProfileProvider(BlendProfile initial) => _active = initial;

    public BlendProfile Active => Volatile.Read(ref _active);

    public BlendProfile Save(string name, IReadOnlyList<double> edgeGamma, double brightness)
    {
        lock (_saveLock)
        {
            var next = new BlendProfile(name, edgeGamma, brightness, _active.Revision + 1);
            Volatile.Write(ref _active, next);
            return next;
        }
    }
}

/// <summary>Renders frames for a single projector.</summary>
public sealed class ProjectorRenderLoop
{
    private readonly BlendProfileProvider _profiles;
    private readonly int _projectorIndex;
    private readonly Action<int, float[]> _present;

    public ProjectorRenderLoop(BlendProfileProvider profiles, int projectorIndex, Action<int, float[]> present)
    {
        _profiles = profiles;
        _projectorIndex = projectorIndex;
        _present = present;
    }

    public Task RunAsync(int width, CancellationToken ct)
    {
        return Task.Factory.StartNew(() =>
        {
            var row = new float[width];
            while (!ct.IsCancellationRequested)
            {
                var profile = _profiles.Active;
                double gamma = profile.EdgeGamma[_projectorIndex % profile.EdgeGamma.Count];
                for (int x = 0; x < width; x++)
                {
                    double edge = Math.Min(x, width - 1 - x) / (width / 2.0);
                    row[x] = (float)(Math.Pow(edge, gamma) * profile.Brightness);
                }

                _present(_projectorIndex, row);
                Thread.Sleep(16);
            }
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}
