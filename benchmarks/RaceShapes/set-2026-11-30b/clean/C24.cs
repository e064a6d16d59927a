namespace Blind2.C24;

/// <summary>
/// Options for the <c>build-index</c> command. "--threads" and "--lock-file"
/// are passed through to the indexer service; this tool itself does its work
/// on the main thread.
/// </summary>
public sealed class BuildIndexOptions
{
    public string Source { get; set; } = ".";
    public int Threads { get; set; } = 1;
    public bool Parallel { get; set; }
    public string LockFile { get; set; } = ".index.lock";
    public List<string> Tasks { get; } = new();
}

public static class BuildIndexCommand
{
    public static int Main(string[] args)
    {
        var options = Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: build-index <source> [--threads N] [--parallel] [--lock-file PATH] [--task NAME]...");
            return 2;
        }

        // Refuse to run while another build holds the lock file.
        FileStream lockHandle;
        try
        {
            lockHandle = new FileStream(options.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            Console.Error.WriteLine($"Another build holds {options.LockFile}.");
            return 3;
        }

        using (lockHandle)
        {
            var taskList = options.Tasks.Count > 0 ? options.Tasks : new List<string> { "scan", "tokenize", "write" };
            var completed = 0;

            foreach (var task in taskList)
            {
                Console.WriteLine($"[{++completed}/{taskList.Count}] {task} (threads={options.Threads}, parallel={options.Parallel})");
            }

            var manifest = Path.Combine(options.Source, "index.manifest");
            File.WriteAllLines(manifest, taskList.Select((t, i) => $"{i}:{t}"));
        }

        File.Delete(options.LockFile);
        return 0;
    }

    private static BuildIndexOptions? Parse(string[] args)
    {
        if (args.Length == 0)
            return null;

        var options = new BuildIndexOptions { Source = args[0] };
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--threads" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n):
                    options.Threads = n;
                    i++;
                    break;
                case "--parallel":
                    options.Parallel = true;
                    break;
                case "--lock-file" when i + 1 < args.Length:
                    options.LockFile = args[++i];
                    break;
                case "--task" when i + 1 < args.Length:
                    options.Tasks.Add(args[++i]);
                    break;
                default:
                    return null;
            }
        }
        return options;
    }
}
