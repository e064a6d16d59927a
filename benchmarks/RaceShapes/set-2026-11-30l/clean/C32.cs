using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace Mirrorbox.Backup
{
    public sealed record ManifestEntry(string RelativePath, long Length, DateTime LastWriteUtc);

    /// <summary>
    /// One backup run. The source tree is scanned on a pool thread while the caller prepares
    /// the destination volume; the copy phase then waits for the finished manifest.
    /// </summary>
    public sealed class BackupSession
    {
        private readonly ManualResetEventSlim _scanCompleted = new(false);
        private readonly string _sourceRoot;
        private IReadOnlyList<ManifestEntry>? _manifest;
        private Exception? _scanError;
        private int _started;

        public BackupSession(string sourceRoot) => _sourceRoot = sourceRoot;

        public void BeginScan()
        {
            if (Interlocked.Exchange(ref _started, 1) != 0)
                throw new InvalidOperationException("The scan has already been started.");

            ThreadPool.QueueUserWorkItem(_ =>
            {
                try
                {
                    _manifest = Scan(_sourceRoot);
                }
                catch (Exception ex)
                {
                    _scanError = ex;
                }
                finally
                {
                    _scanCompleted.Set();
                }
            });
        }

        public IReadOnlyList<ManifestEntry> WaitForManifest(TimeSpan timeout)
        {
            if (!_scanCompleted.Wait(timeout))
                throw new TimeoutException("Scanning the source tree is taking too long.");
            if (_scanError is not null)
                throw new InvalidOperationException("Scanning the source tree failed.", _scanError);
            return _manifest!;
        }

        public static long PrepareDestination(string destinationRoot)
        {
            Directory.CreateDirectory(destinationRoot);
            var drive = new DriveInfo(Path.GetPathRoot(Path.GetFullPath(destinationRoot))!);
            return drive.AvailableFreeSpace;
        }

        private static IReadOnlyList<ManifestEntry> Scan(string root)
        {
            var entries = new List<ManifestEntry>();
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.System };
            foreach (var path in Directory.EnumerateFiles(root, "*", options))
            {
                var info = new FileInfo(path);
                entries.Add(new ManifestEntry(Path.GetRelativePath(root, path), info.Length, info.LastWriteTimeUtc));
            }
            entries.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
            return entries;
        }
    }
}
