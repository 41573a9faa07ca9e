using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Crm.Server.Tests.Discovery;

/// <summary>
/// Compiles generated client code in-process (Roslyn) against the assemblies this test runs with, which include the
/// Kiota libraries a generated client needs; faster than building a project, and the same compiler checks.
/// </summary>
internal static class GeneratedClient
{
    public static Assembly Compile(IEnumerable<string> files, string driver)
    {
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest)
            .WithPreprocessorSymbols("NETCOREAPP3_1_OR_GREATER", "NETSTANDARD2_1_OR_GREATER", "NET5_0_OR_GREATER");
        var trees = files.Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), options, file))
            .Append(CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;\n" + driver, options, "Driver.cs"));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create($"CrmGeneratedClient{Guid.NewGuid():N}", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).ToList();
        Assert.True(result.Success, "The generated client does not compile:\n" + string.Join("\n", errors));
        return Assembly.Load(image.ToArray());
    }
}
