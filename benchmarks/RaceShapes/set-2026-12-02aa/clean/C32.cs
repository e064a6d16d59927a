namespace Blind27.FossilDigs.Imaging;

public sealed class PhotogrammetryJob
{
    public PhotogrammetryJob(string specimenId, IReadOnlyList<string> photoPaths)
    {
        SpecimenId = specimenId;
        PhotoPaths = photoPaths;
    }

    public string SpecimenId { get; }
    public IReadOnlyList<string> PhotoPaths { get; }

    // Reconstruction results.
    public int MatchedKeypoints { get; set; }
    public double ReprojectionErrorPx { get; set; }
    public string? MeshPath { get; set; }
}

/// <summary>
/// Builds 3D meshes of fossil specimens from field photographs.
/// </summary>
public sealed class SpecimenMeshBuilder
{
    private readonly Func<string, int> _countKeypoints;
    private readonly string _outputFolder;

    public SpecimenMeshBuilder(Func<string, int> countKeypoints, string outputFolder)
    {
        _countKeypoints = countKeypoints;
        _outputFolder = outputFolder;
    }

    public async Task<PhotogrammetryJob> BuildAsync(string specimenId, IReadOnlyList<string> photos, CancellationToken ct)
    {
        var job = new PhotogrammetryJob(specimenId, photos);

        await Task.Run(() =>
        {
            var keypoints = 0;
            foreach (var photo in job.PhotoPaths)
            {
                ct.ThrowIfCancellationRequested();
                keypoints += _countKeypoints(photo);
            }

            job.MatchedKeypoints = keypoints;
            job.ReprojectionErrorPx = keypoints == 0 ? double.NaN : 1500.0 / Math.Sqrt(keypoints);
            job.MeshPath = Path.Combine(_outputFolder, specimenId + ".ply");
        }, ct).ConfigureAwait(false);

        if (job.ReprojectionErrorPx > 2.0)
        {
            job.MeshPath = null;
        }

        return job;
    }

    public async Task<IReadOnlyList<PhotogrammetryJob>> BuildAllAsync(
        IReadOnlyDictionary<string, IReadOnlyList<string>> photosBySpecimen, CancellationToken ct)
    {
        var jobs = await Task.WhenAll(photosBySpecimen.Select(kv => BuildAsync(kv.Key, kv.Value, ct))).ConfigureAwait(false);
        return jobs.Where(j => j.MeshPath is not null).ToList();
    }
}
