using System.IO.Compression;
using System.Xml.Linq;

namespace Forklift.Package.Tests;

/// <summary>
/// Forklift.Orleans is compiled against the runtime's internals (its scheduler), so its package must depend on exactly
/// the Forklift version it was built with: a consumer who upgrades Forklift alone would otherwise load a runtime whose
/// internals may have changed.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class OrleansPackageTests(PackageFeedFixture feed)
{
    [Fact]
    public void Orleans_package_depends_on_exactly_the_Forklift_version_it_was_packed_with()
    {
        string package = Path.Combine(feed.FeedDirectory, $"Forklift.Orleans.{feed.Version}.nupkg");
        using ZipArchive archive = ZipFile.OpenRead(package);
        ZipArchiveEntry nuspec = archive.Entries.Single(entry => entry.FullName == "Forklift.Orleans.nuspec");
        using Stream stream = nuspec.Open();
        XDocument document = XDocument.Load(stream);

        string[] forkliftRanges = document.Descendants()
            .Where(element => element.Name.LocalName == "dependency" && (string?)element.Attribute("id") == "Forklift")
            .Select(element => (string?)element.Attribute("version") ?? string.Empty)
            .Distinct()
            .ToArray();

        Assert.Equal(new[] { $"[{feed.Version}]" }, forkliftRanges);
    }
}
