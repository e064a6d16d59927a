namespace Blind2.C26;

public sealed class ImportSettings
{
    public ImportSettings(string connectionString, int batchSize, bool skipHeader)
    {
        ConnectionString = connectionString;
        BatchSize = batchSize;
        SkipHeader = skipHeader;
    }

    public string ConnectionString { get; }
    public int BatchSize { get; }
    public bool SkipHeader { get; }
}

/// <summary>
/// Imports a set of CSV shards using one dedicated thread per shard.
/// </summary>
public sealed class ShardedCsvImporter
{
    private readonly ImportSettings _settings;
    private readonly Action<string, IReadOnlyList<string>> _writeBatch;
    private string[] _shards = Array.Empty<string>();
    private long[] _rowsPerShard = Array.Empty<long>();
    private DateTime _finishedUtc;

    public ShardedCsvImporter(ImportSettings settings, Action<string, IReadOnlyList<string>> writeBatch)
    {
        _settings = settings;
        _writeBatch = writeBatch;
    }

    public (long TotalRows, DateTime FinishedUtc) Run(string folder)
    {
        _shards = Directory.GetFiles(folder, "*.csv");
        _rowsPerShard = new long[_shards.Length];

        var threads = new Thread[_shards.Length];
        for (int i = 0; i < threads.Length; i++)
        {
            int shard = i;
            threads[i] = new Thread(() => ImportShard(shard)) { Name = $"import-{shard}" };
        }

        foreach (var t in threads)
            t.Start();
        foreach (var t in threads)
            t.Join();

        _finishedUtc = DateTime.UtcNow;
        return (_rowsPerShard.Sum(), _finishedUtc);
    }

    private void ImportShard(int shard)
    {
        var batch = new List<string>(_settings.BatchSize);
        long rows = 0;
        bool first = true;

        foreach (var line in File.ReadLines(_shards[shard]))
        {
            if (first && _settings.SkipHeader)
            {
                first = false;
                continue;
            }
            first = false;

            batch.Add(line);
            if (batch.Count == _settings.BatchSize)
            {
                _writeBatch(_settings.ConnectionString, batch.ToArray());
                rows += batch.Count;
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            _writeBatch(_settings.ConnectionString, batch.ToArray());
            rows += batch.Count;
        }

        _rowsPerShard[shard] = rows;
    }
}
