namespace Blind26.Regatta.PhotoFinish;

public sealed class LaneCrossedEventArgs : EventArgs
{
    public LaneCrossedEventArgs(int heat, int lane, string crew, TimeSpan provisional)
    {
        Heat = heat;
        Lane = lane;
        Crew = crew;
        Provisional = provisional;
    }

    public int Heat { get; }
    public int Lane { get; }
    public string Crew { get; }
    public TimeSpan Provisional { get; }
}

public interface IPhotoFinishService
{
    Task<TimeSpan> ConfirmAsync(int heat, int lane, TimeSpan provisional);
}

/// <summary>
/// Builds official heat results from finish-line crossings. Crossings are reported by the
/// timing hardware on its own threads; each one is confirmed against the photo-finish
/// camera before it is entered.
/// </summary>
public sealed class OfficialHeatResults
{
    private readonly object _gate = new();
    private readonly Dictionary<int, List<(string Crew, TimeSpan Time)>> _byHeat = new();
    private readonly IPhotoFinishService _photoFinish;
    private readonly Action<Exception> _onError;

    public OfficialHeatResults(IPhotoFinishService photoFinish, Action<Exception> onError)
    {
        _photoFinish = photoFinish;
        _onError = onError;
    }

    public void Attach(ITimingHardware hardware) => hardware.LaneCrossed += OnLaneCrossed;

    private async void OnLaneCrossed(object? sender, LaneCrossedEventArgs e)
    {
        try
        {
            TimeSpan official = await _photoFinish.ConfirmAsync(e.Heat, e.Lane, e.Provisional).ConfigureAwait(false);
            lock (_gate)
            {
                if (!_byHeat.TryGetValue(e.Heat, out var list))
                {
                    list = new List<(string, TimeSpan)>();
                    _byHeat.Add(e.Heat, list);
                }

                list.RemoveAll(x => x.Crew == e.Crew);
                list.Add((e.Crew, official));
            }
        }
        catch (Exception ex)
        {
            _onError(ex);
        }
    }

    public IReadOnlyList<(string Crew, TimeSpan Time)> Placings(int heat)
    {
        lock (_gate)
        {
            return _byHeat.TryGetValue(heat, out var list)
                ? list.OrderBy(x => x.Time).ToList()
                : new List<(string, TimeSpan)>();
        }
    }

    public IReadOnlyList<string> Qualifiers(int heat, int advance) =>
        Placings(heat).Take(advance).Select(x => x.Crew).ToList();
}

public interface ITimingHardware
{
    event EventHandler<LaneCrossedEventArgs> LaneCrossed;
}
