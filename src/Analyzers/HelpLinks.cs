namespace Forklift.Analyzers;

/// <summary>Builds the <c>helpLinkUri</c> of a descriptor: the rule's page under <c>docs/rules/</c>.</summary>
internal static class HelpLinks
{
    /// <summary>
    /// Where <c>docs/rules/</c> is published. Tests assert that every descriptor's link ends in
    /// <c>docs/rules/&lt;ID&gt;.md</c> and that the page exists, so moving the repository means changing only this.
    /// </summary>
    public const string RulesBaseUri = "https://github.com/forklift-dotnet/forklift/blob/main/docs/rules/";

    /// <summary>The help link of rule <paramref name="id"/>.</summary>
    public static string For(string id) => RulesBaseUri + id + ".md";
}
