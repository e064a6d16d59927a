namespace Contoso.Tools.Restore
{
    /// <summary>
    /// Command-line options for the restore tool, e.g.
    /// <c>restore --threads 8 --lock-file packages.lock.json --parallel --timeout 00:02:00</c>.
    /// </summary>
    public sealed class RestoreOptions
    {
        public int ThreadCount { get; private set; } = Environment.ProcessorCount;
        public bool Parallel { get; private set; }
        public bool LockedMode { get; private set; }
        public string LockFilePath { get; private set; } = "packages.lock.json";
        public TimeSpan Timeout { get; private set; } = TimeSpan.FromMinutes(5);
        public List<string> Sources { get; } = new();

        public static RestoreOptions Parse(string[] args)
        {
            var options = new RestoreOptions();
            var queue = new Queue<string>(args);

            while (queue.Count > 0)
            {
                var arg = queue.Dequeue();
                switch (arg)
                {
                    case "--threads":
                    case "-j":
                        options.ThreadCount = int.Parse(Next(queue, arg));
                        break;
                    case "--parallel":
                        options.Parallel = true;
                        break;
                    case "--locked-mode":
                        options.LockedMode = true;
                        break;
                    case "--lock-file":
                        options.LockFilePath = Next(queue, arg);
                        break;
                    case "--timeout":
                        options.Timeout = TimeSpan.Parse(Next(queue, arg));
                        break;
                    case "--source":
                    case "-s":
                        options.Sources.Add(Next(queue, arg));
                        break;
                    default:
                        throw new ArgumentException($"Unknown option '{arg}'.");
                }
            }

            if (options.ThreadCount < 1)
            {
                throw new ArgumentException("--threads must be at least 1.");
            }
            if (!options.Parallel)
            {
                options.ThreadCount = 1;
            }
            return options;
        }

        private static string Next(Queue<string> queue, string option) =>
            queue.Count > 0 ? queue.Dequeue() : throw new ArgumentException($"Option '{option}' requires a value.");
    }

    /// <summary>
    /// Reads "name@version" lines from the lock file and reports which requested
    /// packages are not pinned. The tool refuses to continue in locked mode when
    /// any package is unpinned.
    /// </summary>
    public sealed class LockFileChecker
    {
        private readonly Dictionary<string, string> _pinned = new(StringComparer.OrdinalIgnoreCase);
        private int _linesRead;

        public int LinesRead => _linesRead;

        public void Load(string lockFilePath)
        {
            foreach (var line in File.ReadLines(lockFilePath))
            {
                _linesRead++;
                var at = line.LastIndexOf('@');
                if (at <= 0)
                {
                    continue;
                }
                _pinned[line[..at].Trim()] = line[(at + 1)..].Trim();
            }
        }

        public IReadOnlyList<string> FindUnpinned(IEnumerable<string> requested)
        {
            var missing = new List<string>();
            foreach (var name in requested)
            {
                if (!_pinned.ContainsKey(name))
                {
                    missing.Add(name);
                }
            }
            return missing;
        }

        public static int Run(string[] args, IEnumerable<string> requestedPackages)
        {
            var options = RestoreOptions.Parse(args);
            var checker = new LockFileChecker();
            checker.Load(options.LockFilePath);

            var unpinned = checker.FindUnpinned(requestedPackages);
            foreach (var name in unpinned)
            {
                Console.Error.WriteLine($"warning: {name} is not pinned in {options.LockFilePath}");
            }
            Console.WriteLine($"Read {checker.LinesRead} lock entries; using {options.ThreadCount} thread(s).");
            return options.LockedMode && unpinned.Count > 0 ? 1 : 0;
        }
    }
}
