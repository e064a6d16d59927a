namespace Blind32.TruffleDogs.Scent;

public sealed class ScentProfileModel
{
    private readonly IReadOnlyDictionary<string, double[]> _signatures;

    public ScentProfileModel(IReadOnlyDictionary<string, double[]> signatures) => _signatures = signatures;

    public (string Species, double Score) BestMatch(double[] sample)
    {
        var best = ("unknown", double.MinValue);
        foreach (var (species, signature) in _signatures)
        {
            var score = 0.0;
            for (var i = 0; i < Math.Min(signature.Length, sample.Length); i++)
                score -= Math.Abs(signature[i] - sample[i]);
            if (score > best.Item2)
                best = (species, score);
        }
        return best;
    }
}

/// <summary>
/// Classifies the scent samples collected by the truffle dogs' collar sensors.
/// Registered as a singleton; the upload endpoint calls <see cref="Classify"/>
/// for every sample from many request threads. The model is large and is only
/// loaded the first time it is needed.
/// </summary>
public sealed class ScentClassifier
{
    private readonly Lazy<ScentProfileModel> _model;
    private int _classified;

    public ScentClassifier(string modelPath)
    {
        _model = new Lazy<ScentProfileModel>(() => LoadModel(modelPath), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public int Classified => Volatile.Read(ref _classified);

    public bool ModelLoaded => _model.IsValueCreated;

    public string Classify(double[] sample)
    {
        var (species, score) = _model.Value.BestMatch(sample);
        Interlocked.Increment(ref _classified);
        return score > -5 ? species : "inconclusive";
    }

    private static ScentProfileModel LoadModel(string path)
    {
        var signatures = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(':', 2);
            if (parts.Length != 2)
                continue;
            signatures[parts[0].Trim()] = parts[1]
                .Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(double.Parse)
                .ToArray();
        }
        return new ScentProfileModel(signatures);
    }
}

/// <summary>Endpoint used by the collar uploader after each walk.</summary>
public sealed class CollarUploadEndpoint
{
    private readonly ScentClassifier _classifier;

    public CollarUploadEndpoint(ScentClassifier classifier) => _classifier = classifier;

    public Task<string[]> ClassifyWalkAsync(IReadOnlyList<double[]> samples) =>
        Task.WhenAll(samples.Select(s => Task.Run(() => _classifier.Classify(s))));
}
