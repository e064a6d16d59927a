namespace CodeStyle.Formatting;

public sealed record FormatResult(string Path, bool Changed, int LinesTouched);

public interface IFormatter
{
    string Format(string source);
}

/// <summary>
/// Formats a batch of source files on the thread pool and reports which ones changed.
/// </summary>
public static class FormatBatch
{
    public static IReadOnlyList<FormatResult> Run(IReadOnlyList<string> paths, IFormatter formatter, bool write)
    {
        var results = new FormatResult[paths.Count];
        if (paths.Count == 0)
        {
            return results;
        }

        using var done = new CountdownEvent(paths.Count);
        for (var i = 0; i < paths.Count; i++)
        {
            var index = i;
            ThreadPool.QueueUserWorkItem(_ =>
            {
                try
                {
                    results[index] = FormatOne(paths[index], formatter, write);
                }
                catch (IOException)
                {
                    results[index] = new FormatResult(paths[index], false, 0);
                }
                finally
                {
                    done.Signal();
                }
            });
        }

        done.Wait();
        return results;
    }

    private static FormatResult FormatOne(string path, IFormatter formatter, bool write)
    {
        var original = File.ReadAllText(path);
        var formatted = formatter.Format(original);
        if (formatted == original)
        {
            return new FormatResult(path, false, 0);
        }

        var before = original.Split('\n');
        var after = formatted.Split('\n');
        var touched = 0;
        for (var line = 0; line < Math.Max(before.Length, after.Length); line++)
        {
            var a = line < before.Length ? before[line] : null;
            var b = line < after.Length ? after[line] : null;
            if (a != b)
            {
                touched++;
            }
        }

        if (write)
        {
            File.WriteAllText(path, formatted);
        }

        return new FormatResult(path, true, touched);
    }
}
