namespace Blind43.Windmills.Survey;

public sealed record SurveyProgress(string PhotoPath, bool Accepted, string? Problem);

public interface IPhotoInspector
{
    Task<SurveyProgress> InspectAsync(string photoPath, CancellationToken ct);
}

/// <summary>
/// Command-line tool used by windmill restorers to check a folder of survey photos
/// (sails, cap, brake wheel) before uploading them to the heritage register.
/// </summary>
public sealed class SurveyPhotoCheckCommand
{
    private readonly IPhotoInspector _inspector;
    private readonly List<string> _problems = new();
    private int _done;

    public SurveyPhotoCheckCommand(IPhotoInspector inspector) => _inspector = inspector;

    public async Task<int> RunAsync(string folder, TextWriter output, CancellationToken ct)
    {
        var photos = Directory.EnumerateFiles(folder, "*.jpg", SearchOption.AllDirectories).ToArray();
        var progress = new Progress<SurveyProgress>(p => OnProgress(p, photos.Length));

        await CheckAllAsync(photos, progress, ct).ConfigureAwait(false);

        // Give the last progress notifications a moment to be written.
        await Task.Delay(250, ct).ConfigureAwait(false);

        output.WriteLine($"{photos.Length} photos checked, {_problems.Count} need re-shooting.");
        return _problems.Count == 0 ? 0 : 2;
    }

    private async Task CheckAllAsync(IReadOnlyList<string> photos, IProgress<SurveyProgress> progress, CancellationToken ct)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
        await Parallel.ForEachAsync(photos, options, async (photo, token) =>
        {
            var result = await _inspector.InspectAsync(photo, token).ConfigureAwait(false);
            progress.Report(result);
        }).ConfigureAwait(false);
    }

    private void OnProgress(SurveyProgress progress, int total)
    {
        var done = Interlocked.Increment(ref _done);
        if (!progress.Accepted)
        {
            _problems.Add($"{Path.GetFileName(progress.PhotoPath)}: {progress.Problem}");
        }

        if (done % 25 == 0 || done == total)
        {
            Console.Error.WriteLine($"  checked {done}/{total}");
        }
    }

    public static async Task<int> Main(string[] args)
    {
        var command = new SurveyPhotoCheckCommand(new ExifPhotoInspector());
        return await command.RunAsync(args.Length > 0 ? args[0] : ".", Console.Out, CancellationToken.None);
    }
}

internal sealed class ExifPhotoInspector : IPhotoInspector
{
    public async Task<SurveyProgress> InspectAsync(string photoPath, CancellationToken ct)
    {
        await using var stream = File.OpenRead(photoPath);
        var header = new byte[4];
        var read = await stream.ReadAsync(header, ct).ConfigureAwait(false);
        var ok = read == 4 && header[0] == 0xFF && header[1] == 0xD8;
        return new SurveyProgress(photoPath, ok, ok ? null : "not a JPEG");
    }
}
