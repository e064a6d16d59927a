namespace Blind28.MountainRescue.Mapping;

public sealed class GridReferenceIndex
{
    private readonly Dictionary<string, (double Lat, double Lon)> _landmarks;

    public GridReferenceIndex(Dictionary<string, (double Lat, double Lon)> landmarks)
    {
        _landmarks = landmarks;
    }

    public (double Lat, double Lon)? Resolve(string landmark) =>
        _landmarks.TryGetValue(landmark, out var position) ? position : null;

    public int Count => _landmarks.Count;
}

/// <summary>
/// Landmark gazetteer used to turn "above the Red Tarn" style callout descriptions into
/// positions. Shared by every incident handler thread; loaded once on first use.
/// </summary>
public static class Gazetteer
{
    private static readonly object InitLock = new();
    private static volatile GridReferenceIndex? _index;

    private const string LandmarksFile = "landmarks.txt";

    public static GridReferenceIndex Index
    {
        get
        {
            var index = _index;
            if (index is not null)
            {
                return index;
            }

            lock (InitLock)
            {
                index = _index;
                if (index is null)
                {
                    var landmarks = new Dictionary<string, (double, double)>(StringComparer.OrdinalIgnoreCase);
                    foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, LandmarksFile)))
                    {
                        var parts = line.Split(';');
                        if (parts.Length == 3
                            && double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var lat)
                            && double.TryParse(parts[2], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var lon))
                        {
                            landmarks[parts[0].Trim()] = (lat, lon);
                        }
                    }

                    index = new GridReferenceIndex(landmarks);
                    _index = index;
                }

                return index;
            }
        }
    }

    public static (double Lat, double Lon)? Locate(string description)
    {
        var index = Index;
        foreach (var word in description.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (index.Resolve(word.Trim(',', '.')) is { } position)
            {
                return position;
            }
        }

        return null;
    }
}
