// The semver functions the release engine uses, each from its own module of the semver package: `import * from
// 'semver'` ran the module bodies of all of it (ranges, comparators, their caches) on every release run's start.
import compare from 'semver/functions/compare';
import diff from 'semver/functions/diff';
import gt from 'semver/functions/gt';
import inc from 'semver/functions/inc';
import major from 'semver/functions/major';
import minor from 'semver/functions/minor';
import patch from 'semver/functions/patch';
import prerelease from 'semver/functions/prerelease';
import valid from 'semver/functions/valid';

export { compare, diff, gt, inc, major, minor, patch, prerelease, valid };
