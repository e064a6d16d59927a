using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Vcs.ObjectStorage;

/// <summary>Sizes of every object known to a repository, keyed by hex id.</summary>
public sealed class ObjectIndex
{
    private readonly ConcurrentDictionary<string, long> _sizes = new(StringComparer.Ordinal);

    public static ObjectIndex Load(string root)
    {
        var index = new ObjectIndex();
        var objects = Path.Combine(root, "objects");
        if (Directory.Exists(objects))
        {
            foreach (var file in Directory.EnumerateFiles(objects, "*", SearchOption.AllDirectories))
            {
                var id = Path.GetFileName(Path.GetDirectoryName(file)) + Path.GetFileName(file);
                index._sizes[id] = new FileInfo(file).Length;
            }
        }

        return index;
    }

    public void Record(string id, long size) => _sizes[id] = size;

    public bool Contains(string id) => _sizes.ContainsKey(id);

    public int Count => _sizes.Count;
}

/// <summary>
/// Loose-object store for one repository. A single instance per repository is shared by
/// all worker threads that hash and write blobs while a commit is being prepared.
/// </summary>
public sealed class ObjectStore
{
    private readonly string _root;
    private ObjectIndex? _index;

    public ObjectStore(string root) => _root = root;

    private ObjectIndex Index
    {
        get
        {
            if (_index is null)
            {
                _index = ObjectIndex.Load(_root);
            }

            return _index;
        }
    }

    public string WriteBlob(byte[] content)
    {
        var header = System.Text.Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        var id = Convert.ToHexString(SHA1.HashData(header.Concat(content).ToArray())).ToLowerInvariant();

        if (!Index.Contains(id))
        {
            var dir = Path.Combine(_root, "objects", id[..2]);
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, id[2..]), content);
            Index.Record(id, content.Length);
        }

        return id;
    }

    public bool Has(string id) => Index.Contains(id);

    public int ObjectCount => Index.Count;
}
