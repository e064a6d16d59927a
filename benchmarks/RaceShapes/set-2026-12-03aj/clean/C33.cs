namespace Blind36.BalloonMeet.Weather;

public sealed class WindModel
{
    public WindModel(IReadOnlyDictionary<int, (double Knots, double FromDegrees)> layers) => Layers = layers;

    /// <summary>Wind by altitude band (hundreds of feet).</summary>
    public IReadOnlyDictionary<int, (double Knots, double FromDegrees)> Layers { get; }

    public (double Knots, double FromDegrees) At(int feet)
    {
        int band = Math.Clamp(feet / 100, Layers.Keys.Min(), Layers.Keys.Max());
        while (!Layers.ContainsKey(band)) band--;
        return Layers[band];
    }
}

public interface ISoundingSource
{
    IReadOnlyDictionary<int, (double Knots, double FromDegrees)> FetchMorningSounding();
}

/// <summary>
/// Morning wind model for the meet's flight planning. Pilots' phones ask for steering
/// advice concurrently. Registered as a singleton.
/// </summary>
public sealed class FlightPlanner
{
    private readonly object _loadLock = new();
    private readonly ISoundingSource _source;
    private volatile WindModel? _model;

    public FlightPlanner(ISoundingSource source) => _source = source;

    private WindModel Model
    {
        get
        {
            var model = _model;
            if (model is not null)
                return model;

            lock (_loadLock)
            {
                model = _model;
                if (model is null)
                {
                    model = new WindModel(_source.FetchMorningSounding());
                    _model = model;
                }
                return model;
            }
        }
    }

    /// <summary>Called by the met officer when a new sounding balloon is released.</summary>
    public void Invalidate() => _model = null;

    /// <summary>Suggests the altitude whose wind heading is closest to the bearing to the target.</summary>
    public int SuggestAltitude(double bearingToTarget)
    {
        var model = Model;
        int bestFeet = 0;
        double bestDiff = double.MaxValue;
        foreach (var (band, wind) in model.Layers)
        {
            double heading = (wind.FromDegrees + 180) % 360;
            double diff = Math.Abs(((heading - bearingToTarget + 540) % 360) - 180);
            if (diff < bestDiff)
            {
                bestDiff = diff;
                bestFeet = band * 100;
            }
        }
        return bestFeet;
    }
}
