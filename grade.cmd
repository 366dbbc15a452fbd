@echo off
rem Grades submissions of the concurrency exercises with the kit's hidden tests (Windows twin of ./grade):
rem   grade.cmd ^<submission-dir^>... [options]     (grade.cmd --help lists the options; see grader\README.md)
rem Builds grader\target\grader.jar with Maven first when it is missing or older than the grader's sources,
rem the hidden tests, the stubs or the poms. Build messages go to standard error.
setlocal
set "KIT=%~dp0"
set "JAR=%KIT%grader\target\grader.jar"
if not exist "%JAR%" goto build
powershell -NoProfile -NonInteractive -Command "$j=(Get-Item -LiteralPath $env:JAR).LastWriteTime; $s=@(pom.xml,grader\pom.xml,solutions\pom.xml,grader\grading.json,grader\src\main,grader\src\hidden,exercises\src\main,exercises\pom.xml,exercises\src\test,exercises\.github,docs\classroom) | ForEach-Object { Join-Path $env:KIT $_ } | Where-Object { Test-Path $_ } | ForEach-Object { Get-ChildItem -LiteralPath $_ -Recurse -File } | Where-Object { $_.LastWriteTime -gt $j } | Select-Object -First 1; if ($s) { exit 1 } else { exit 0 }"
if errorlevel 1 goto build
goto run
:build
where mvn >nul 2>nul
if errorlevel 1 (
  echo grade: Maven ^(mvn^) is needed to build the grader first ^(or put a built grader.jar at %JAR%^) 1>&2
  exit /b 2
)
echo grade: building the grader ^(mvn -B -q -DskipTests -pl grader -am package^)... 1>&2
call mvn -B -q -o -f "%KIT%pom.xml" -DskipTests -pl grader -am package 1>&2 2>nul
if not errorlevel 1 goto run
echo grade: offline build failed; trying again online... 1>&2
call mvn -B -q -f "%KIT%pom.xml" -DskipTests -pl grader -am package 1>&2
if errorlevel 1 (
  echo grade: the grader did not build ^(see the Maven output above^) 1>&2
  exit /b 2
)
:run
set "JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
"%JAVA%" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -jar "%JAR%" %*
exit /b %ERRORLEVEL%
