namespace Museum.AudioGuide;

public sealed record AudioTrack(int ExhibitNumber, string Title, string Language, string FilePath);

/// <summary>
/// Resolves the exhibit number a visitor types on the handset to the audio track to stream.
/// Used by every handset session on the guide server.
/// </summary>
public static class ExhibitCatalog
{
    private static readonly string ManifestPath =
        Environment.GetEnvironmentVariable("AUDIOGUIDE_MANIFEST") ?? "/srv/audioguide/manifest.csv";

    private static Dictionary<int, AudioTrack>? s_tracks;

    public static AudioTrack? Find(int exhibitNumber)
    {
        var tracks = s_tracks ?? Load();
        return tracks.TryGetValue(exhibitNumber, out var track) ? track : null;
    }

    public static int Count => (s_tracks ?? Load()).Count;

    private static Dictionary<int, AudioTrack> Load()
    {
        s_tracks = new Dictionary<int, AudioTrack>();
        foreach (var line in File.ReadLines(ManifestPath).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length < 4 || !int.TryParse(parts[0], out var number))
            {
                continue;
            }

            s_tracks[number] = new AudioTrack(number, parts[1].Trim(), parts[2].Trim(), parts[3].Trim());
        }

        return s_tracks;
    }
}

/// <summary>One connected handset.</summary>
public sealed class HandsetSession
{
    private readonly Func<string, CancellationToken, Task> _stream;

    public HandsetSession(Func<string, CancellationToken, Task> stream) => _stream = stream;

    public async Task<bool> PlayAsync(int exhibitNumber, CancellationToken token)
    {
        var track = ExhibitCatalog.Find(exhibitNumber);
        if (track is null)
        {
            return false;
        }

        await _stream(track.FilePath, token).ConfigureAwait(false);
        return true;
    }
}
